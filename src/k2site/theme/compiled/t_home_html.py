from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'home.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_evidence_summary = l_0_safety_warnings = missing
    pass
    parent_template = environment.get_template('base.html', 'home.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('macros.html', 'home.html')._get_default_module(context)
    l_0_evidence_summary = getattr(included_template, 'evidence_summary', missing)
    if l_0_evidence_summary is missing:
        l_0_evidence_summary = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'home.html') does not export the requested name 'evidence_summary'", name='evidence_summary')
    context.vars['evidence_summary'] = l_0_evidence_summary
    context.exported_vars.discard('evidence_summary')
    included_template = environment.get_template('partials/safety.html', 'home.html')._get_default_module(context)
    l_0_safety_warnings = getattr(included_template, 'safety_warnings', missing)
    if l_0_safety_warnings is missing:
        l_0_safety_warnings = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'home.html') does not export the requested name 'safety_warnings'", name='safety_warnings')
    context.vars['safety_warnings'] = l_0_safety_warnings
    context.exported_vars.discard('safety_warnings')
    yield from parent_template.root_render_func(context)

def block_main(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    l_0_safety_warnings = resolve('safety_warnings')
    l_0_home = resolve('home')
    l_0_root = resolve('root')
    l_0_evidence_summary = resolve('evidence_summary')
    try:
        t_1 = environment.filters['plural']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'plural' found.")
    pass
    yield '<section class="home-intro">\n  <h1>'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield '</h1>\n  '
    yield escape(environment.call(context, (undefined(name='safety_warnings') if l_0_safety_warnings is missing else l_0_safety_warnings), environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'warnings'), _block_vars=_block_vars))
    yield '\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'description'):
        pass
        yield '<p class="lead">'
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'description'))
        yield '</p>'
    yield '  <p>Every claim on this site carries a badge naming the kind of study behind it. Follow a citation number to see the study; the <a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'evidence/">evidence overview</a> shows the whole picture.</p>\n'
    if environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'reviewed'):
        pass
        yield '<p class="meta">Last reviewed <time datetime="'
        yield escape(environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'reviewed'), 'iso'))
        yield '">'
        yield escape(environment.getattr(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'reviewed'), 'text'))
        yield '</time> · '
        yield escape(t_1(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'studies'), 'study', 'studies'))
        yield ' cited</p>'
    yield '  <section aria-labelledby="all-evidence">\n    <h2 id="all-evidence">Evidence across the article</h2>\n    '
    yield escape(environment.call(context, (undefined(name='evidence_summary') if l_0_evidence_summary is missing else l_0_evidence_summary), environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'evidence'), (undefined(name='root') if l_0_root is missing else l_0_root), _block_vars=_block_vars))
    yield '\n  </section>\n</section>\n<section aria-labelledby="sections-heading">\n<h2 id="sections-heading">Sections</h2>\n<ol class="section-list">\n'
    for l_1_s in environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'sections'):
        _loop_vars = {}
        pass
        yield '  <li class="section-card">\n    <h3><a href="'
        yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
        yield escape(environment.getattr(l_1_s, 'slug'))
        yield '/">'
        yield escape(environment.getattr(l_1_s, 'title'))
        yield '</a></h3>\n'
        if environment.getattr(l_1_s, 'summary'):
            pass
            yield '<p class="takeaway">'
            yield escape(environment.getattr(l_1_s, 'summary'))
            yield '</p>'
        yield '    '
        yield escape(environment.call(context, (undefined(name='evidence_summary') if l_0_evidence_summary is missing else l_0_evidence_summary), environment.getattr(l_1_s, 'evidence'), (undefined(name='root') if l_0_root is missing else l_0_root), _loop_vars=_loop_vars))
        yield '\n  </li>\n'
    l_1_s = missing
    yield '</ol>\n</section>\n'

blocks = {'main': block_main}
debug_info = '1=13&2=16&3=22&4=30&6=50&7=52&8=54&9=60&10=62&13=72&19=74&21=78&22=83&23=89'

# Generated by `python -m k2site.render.compiled_theme` from theme/templates/home.html.
