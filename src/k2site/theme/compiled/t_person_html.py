from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'person.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_article_card = missing
    pass
    parent_template = environment.get_template('base.html', 'person.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('partials/publication-macros.html', 'person.html')._get_default_module(context)
    l_0_article_card = getattr(included_template, 'article_card', missing)
    if l_0_article_card is missing:
        l_0_article_card = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'person.html') does not export the requested name 'article_card'", name='article_card')
    context.vars['article_card'] = l_0_article_card
    context.exported_vars.discard('article_card')
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_person = resolve('person')
    l_0_site = resolve('site')
    pass
    yield escape(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'name'))
    yield ' · '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))

def block_description(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_person = resolve('person')
    pass
    yield escape(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'name'))
    if environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'role'):
        pass
        yield ', '
        yield escape(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'role'))
    yield ': the articles they wrote and reviewed.'

def block_main(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_person = resolve('person')
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    pass
    yield '<p class="kicker">Contributor</p>\n<h1>'
    yield escape(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'name'))
    yield '</h1>\n<dl class="study-facts">\n'
    if environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'credentials'):
        pass
        yield '<dt>Credentials</dt><dd>'
        yield escape(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'credentials'))
        yield '</dd>'
    if environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'role'):
        pass
        yield '<dt>Role</dt><dd>'
        yield escape(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'role'))
        yield '</dd>'
    yield '  <dt>Articles</dt><dd>'
    yield escape(t_1(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'wrote')))
    yield ' written, '
    yield escape(t_1(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'reviewed')))
    yield ' medically reviewed</dd>\n</dl>\n'
    if environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'bio'):
        pass
        yield '<p>'
        yield escape(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'bio'))
        yield '</p>'
    if environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'url'):
        pass
        yield '<p><a href="'
        yield escape(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'url'))
        yield '" rel="noopener">'
        yield escape(environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'name'))
        yield "'s own page</a></p>"
    l_1_loop = missing
    for (l_1_heading, l_1_articles), l_1_loop in LoopContext([('Articles written', environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'wrote')), ('Articles medically reviewed', environment.getattr((undefined(name='person') if l_0_person is missing else l_0_person), 'reviewed'))], undefined):
        _loop_vars = {}
        pass
        if l_1_articles:
            pass
            yield '<section aria-labelledby="person-'
            yield escape(environment.getattr(l_1_loop, 'index'))
            yield '">\n<h2 id="person-'
            yield escape(environment.getattr(l_1_loop, 'index'))
            yield '">'
            yield escape(l_1_heading)
            yield '</h2>\n<ol class="section-list">\n'
            for l_2_a in l_1_articles:
                l_2_article_card = resolve('article_card')
                l_2_root = resolve('root')
                _loop_vars = {}
                pass
                yield escape(environment.call(context, (undefined(name='article_card') if l_2_article_card is missing else l_2_article_card), l_2_a, (undefined(name='root') if l_2_root is missing else l_2_root), _loop_vars=_loop_vars))
                yield '\n'
            l_2_a = l_2_article_card = l_2_root = missing
            yield '</ol>\n</section>\n'
    l_1_loop = l_1_heading = l_1_articles = missing

blocks = {'title': block_title, 'description': block_description, 'main': block_main}
debug_info = '1=13&2=16&3=24&4=38&5=54&7=70&9=72&10=77&11=83&13=87&14=92&15=100&16=103&17=106&18=108&20=112&21=117'

# Generated by `python -m k2site.render.compiled_theme` from theme/templates/person.html.
