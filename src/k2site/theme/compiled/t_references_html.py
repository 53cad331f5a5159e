from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'references.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_group_badge = l_0_notice_mark = missing
    pass
    parent_template = environment.get_template('base.html', 'references.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('macros.html', 'references.html')._get_default_module(context)
    l_0_group_badge = getattr(included_template, 'group_badge', missing)
    if l_0_group_badge is missing:
        l_0_group_badge = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'references.html') does not export the requested name 'group_badge'", name='group_badge')
    context.vars['group_badge'] = l_0_group_badge
    context.exported_vars.discard('group_badge')
    included_template = environment.get_template('integrity.html', 'references.html')._get_default_module(context)
    l_0_notice_mark = getattr(included_template, 'notice_mark', missing)
    if l_0_notice_mark is missing:
        l_0_notice_mark = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'references.html') does not export the requested name 'notice_mark'", name='notice_mark')
    context.vars['notice_mark'] = l_0_notice_mark
    context.exported_vars.discard('notice_mark')
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    pass
    yield 'References · '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))

def block_main(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    l_0_refs = resolve('refs')
    try:
        t_1 = environment.filters['lower']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'lower' found.")
    pass
    yield '<h1>References</h1>\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'publication'):
        pass
        yield '<p>Every study the articles cite, by first author, with its design and links back to each claim that cites it. Each article numbers its citations in its own order.</p>\n'
    else:
        pass
        yield '<p>Every study the article cites, numbered in order of first citation, with its design and links back to each claim that cites it.</p>\n'
    yield '<p class="downloads">Download all references: <a href="references.bib" download>BibTeX</a> · <a href="references.ris" download>RIS</a> · <a href="../references.json">CSL-JSON</a></p>\n<'
    yield escape(('ul' if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'publication') else 'ol'))
    yield ' class="reference-list bibliography">\n'
    l_1_loop = missing
    for l_1_s, l_1_loop in LoopContext(environment.getattr((undefined(name='refs') if l_0_refs is missing else l_0_refs), 'cited'), undefined):
        l_1_notice_mark = resolve('notice_mark')
        l_1_group_badge = resolve('group_badge')
        l_1_root = resolve('root')
        _loop_vars = {}
        pass
        yield '  <li id="ref-'
        yield escape(environment.getattr(l_1_s, 'slug'))
        yield '"'
        if environment.getattr(l_1_s, 'number'):
            pass
            yield ' value="'
            yield escape(environment.getattr(l_1_s, 'number'))
            yield '"'
        yield '>\n    <span class="ref-entry">'
        yield escape(environment.getattr(l_1_s, 'entry'))
        yield '</span>'
        yield escape(environment.call(context, (undefined(name='notice_mark') if l_1_notice_mark is missing else l_1_notice_mark), l_1_s, _loop_vars=_loop_vars))
        yield '\n    <span class="ref-meta">'
        yield escape(environment.call(context, (undefined(name='group_badge') if l_1_group_badge is missing else l_1_group_badge), environment.getattr(l_1_s, 'group'), (undefined(name='root') if l_1_root is missing else l_1_root), _loop_vars=_loop_vars))
        yield ' '
        yield escape(environment.getattr(l_1_s, 'design_label'))
        if ((environment.getattr(l_1_s, 'verification') != 'confirmed') and (t_1(environment.getattr(l_1_s, 'verification_label')) != t_1(environment.getattr(l_1_s, 'design_label')))):
            pass
            yield ' · <span class="ref-'
            yield escape(environment.getattr(l_1_s, 'verification'))
            yield '">'
            yield escape(environment.getattr(l_1_s, 'verification_label'))
            yield '</span>'
        yield ' · <a href="'
        yield escape((undefined(name='root') if l_1_root is missing else l_1_root))
        yield 'studies/'
        yield escape(environment.getattr(l_1_s, 'slug'))
        yield '/">Study details</a></span>\n'
        if environment.getattr(l_1_s, 'cited_by'):
            pass
            yield '<span class="backlinks">Cited by: '
            l_2_loop = missing
            for l_2_c, l_2_loop in LoopContext(environment.getattr(l_1_s, 'cited_by'), undefined):
                _loop_vars = {}
                pass
                yield '<a href="'
                yield escape((undefined(name='root') if l_1_root is missing else l_1_root))
                yield escape(environment.getattr(l_2_c, 'page'))
                yield '/#'
                yield escape(environment.getattr(l_2_c, 'id'))
                yield '" aria-label="Back to the claim in '
                yield escape(environment.getattr(l_2_c, 'page_title'))
                yield '">↩ '
                yield escape(environment.getattr(l_2_c, 'page_title'))
                yield '</a>'
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    yield ', '
            l_2_loop = l_2_c = missing
            if environment.getattr(l_1_s, 'cited_more'):
                pass
                yield ', <a href="'
                yield escape((undefined(name='root') if l_1_root is missing else l_1_root))
                yield 'studies/'
                yield escape(environment.getattr(l_1_s, 'slug'))
                yield '/">and '
                yield escape(environment.getattr(l_1_s, 'cited_more'))
                yield ' more</a>'
            yield '</span>'
        yield '  </li>\n'
    l_1_loop = l_1_s = l_1_notice_mark = l_1_group_badge = l_1_root = missing
    yield '</'
    yield escape(('ul' if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'publication') else 'ol'))
    yield '>\n'
    if environment.getattr((undefined(name='refs') if l_0_refs is missing else l_0_refs), 'uncited'):
        pass
        yield '<h2 id="uncited">Also in the store, not cited</h2>\n<ul class="reference-list">\n'
        for l_1_s in environment.getattr((undefined(name='refs') if l_0_refs is missing else l_0_refs), 'uncited'):
            l_1_root = resolve('root')
            _loop_vars = {}
            pass
            yield '  <li id="ref-'
            yield escape(environment.getattr(l_1_s, 'slug'))
            yield '"><span class="ref-entry">'
            yield escape(environment.getattr(l_1_s, 'entry'))
            yield '</span> <a href="'
            yield escape((undefined(name='root') if l_1_root is missing else l_1_root))
            yield 'studies/'
            yield escape(environment.getattr(l_1_s, 'slug'))
            yield '/">Study details</a></li>\n'
        l_1_s = l_1_root = missing
        yield '</ul>\n'

blocks = {'title': block_title, 'main': block_main}
debug_info = '1=13&2=16&3=22&4=30&5=42&7=59&13=66&14=69&15=76&16=84&17=88&18=103&21=137&22=139&25=142&26=147'

# Generated by `python -m k2site.render.compiled_theme` from theme/templates/references.html.
