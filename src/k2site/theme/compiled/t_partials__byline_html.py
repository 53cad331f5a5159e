from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'partials/byline.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_page = resolve('page')
    l_0_joiner = resolve('joiner')
    l_0_b = l_0_sep = missing
    pass
    l_0_b = environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'byline')
    context.vars['b'] = l_0_b
    context.exported_vars.add('b')
    l_0_sep = environment.call(context, (undefined(name='joiner') if l_0_joiner is missing else l_0_joiner), ' · ')
    context.vars['sep'] = l_0_sep
    context.exported_vars.add('sep')
    yield '    <p class="meta byline" data-pagefind-ignore>'
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'authors'):
        pass
        yield escape(environment.call(context, (undefined(name='sep') if l_0_sep is missing else l_0_sep)))
        yield 'Written by '
        l_1_loop = missing
        for l_1_p, l_1_loop in LoopContext(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'authors'), undefined):
            _loop_vars = {}
            pass
            yield '<a href="'
            yield escape(environment.getattr(l_1_p, 'href'))
            yield '">'
            yield escape(environment.getattr(l_1_p, 'name'))
            yield '</a>'
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ', '
        l_1_loop = l_1_p = missing
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'reviewers'):
        pass
        yield escape(environment.call(context, (undefined(name='sep') if l_0_sep is missing else l_0_sep)))
        yield 'Medically reviewed by '
        l_1_loop = missing
        for l_1_p, l_1_loop in LoopContext(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'reviewers'), undefined):
            _loop_vars = {}
            pass
            yield '<a href="'
            yield escape(environment.getattr(l_1_p, 'href'))
            yield '">'
            yield escape(environment.getattr(l_1_p, 'name'))
            yield '</a>'
            if environment.getattr(l_1_p, 'credentials'):
                pass
                yield ' ('
                yield escape(environment.getattr(l_1_p, 'credentials'))
                yield ')'
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ', '
        l_1_loop = l_1_p = missing
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'reviewed'):
        pass
        yield escape(environment.call(context, (undefined(name='sep') if l_0_sep is missing else l_0_sep)))
        yield 'Last reviewed <time datetime="'
        yield escape(environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'reviewed'), 'iso'))
        yield '">'
        yield escape(environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'reviewed'), 'text'))
        yield '</time>'
    elif environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'article'):
        pass
        yield escape(environment.call(context, (undefined(name='sep') if l_0_sep is missing else l_0_sep)))
        yield 'Not yet reviewed'
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'next_review'):
        pass
        yield escape(environment.call(context, (undefined(name='sep') if l_0_sep is missing else l_0_sep)))
        yield 'Next review due <time datetime="'
        yield escape(environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'next_review'), 'iso'))
        yield '">'
        yield escape(environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'next_review'), 'text'))
        yield '</time>'
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'topics'):
        pass
        yield escape(environment.call(context, (undefined(name='sep') if l_0_sep is missing else l_0_sep)))
        yield 'Topics: '
        l_1_loop = missing
        for l_1_t, l_1_loop in LoopContext(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'topics'), undefined):
            _loop_vars = {}
            pass
            if environment.getattr(l_1_t, 'href'):
                pass
                yield '<a href="'
                yield escape(environment.getattr(l_1_t, 'href'))
                yield '">'
                yield escape(environment.getattr(l_1_t, 'name'))
                yield '</a>'
            else:
                pass
                yield escape(environment.getattr(l_1_t, 'name'))
            if (not environment.getattr(l_1_loop, 'last')):
                pass
                yield ', '
        l_1_loop = l_1_t = missing
    yield '</p>\n'
    if environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'overdue'):
        pass
        yield '    <p class="review-overdue" role="note" data-pagefind-ignore><strong>Review overdue.</strong> This page was due for its next medical review on <time datetime="'
        yield escape(environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'next_review'), 'iso'))
        yield '">'
        yield escape(environment.getattr(environment.getattr((undefined(name='b') if l_0_b is missing else l_0_b), 'next_review'), 'text'))
        yield '</time>. Some of what it says may be out of date.</p>\n'

blocks = {}
debug_info = '4=14&5=17&7=21&8=38&9=60&10=72&11=80&13=103&14=106'

# Generated by `python -m k2site.render.compiled_theme` from theme/templates/partials/byline.html.
