from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'publication.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_evidence_summary = l_0_article_card = missing
    pass
    parent_template = environment.get_template('base.html', 'publication.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('macros.html', 'publication.html')._get_default_module(context)
    l_0_evidence_summary = getattr(included_template, 'evidence_summary', missing)
    if l_0_evidence_summary is missing:
        l_0_evidence_summary = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'publication.html') does not export the requested name 'evidence_summary'", name='evidence_summary')
    context.vars['evidence_summary'] = l_0_evidence_summary
    context.exported_vars.discard('evidence_summary')
    included_template = environment.get_template('partials/publication-macros.html', 'publication.html')._get_default_module(context)
    l_0_article_card = getattr(included_template, 'article_card', missing)
    if l_0_article_card is missing:
        l_0_article_card = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'publication.html') does not export the requested name 'article_card'", name='article_card')
    context.vars['article_card'] = l_0_article_card
    context.exported_vars.discard('article_card')
    yield from parent_template.root_render_func(context)

def block_main(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    l_0_root = resolve('root')
    l_0_home = resolve('home')
    l_0_evidence_summary = resolve('evidence_summary')
    try:
        t_1 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_2 = environment.filters['plural']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'plural' found.")
    pass
    yield '<section class="home-intro">\n  <h1>'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield '</h1>\n'
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'description'):
        pass
        yield '<p class="lead">'
        yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'description'))
        yield '</p>'
    yield '  <p>Every claim on this site carries a badge naming the kind of study behind it. Follow a citation number to see the study; the <a href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'evidence/">evidence overview</a> shows the whole picture.</p>\n  <p class="meta">'
    yield escape(t_2(t_1(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'articles')), 'article'))
    yield ' · '
    yield escape(t_2(environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'studies'), 'study', 'studies'))
    yield ' cited</p>\n  <section aria-labelledby="all-evidence">\n    <h2 id="all-evidence">Evidence across the site</h2>\n    '
    yield escape(environment.call(context, (undefined(name='evidence_summary') if l_0_evidence_summary is missing else l_0_evidence_summary), environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'evidence'), (undefined(name='root') if l_0_root is missing else l_0_root), _block_vars=_block_vars))
    yield '\n  </section>\n</section>\n<section aria-labelledby="articles-heading">\n<h2 id="articles-heading">Articles</h2>\n<p>The most recently reviewed first.</p>\n<ol class="section-list">\n'
    for l_1_a in environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'articles'):
        l_1_article_card = resolve('article_card')
        _loop_vars = {}
        pass
        yield escape(environment.call(context, (undefined(name='article_card') if l_1_article_card is missing else l_1_article_card), l_1_a, (undefined(name='root') if l_0_root is missing else l_0_root), _loop_vars=_loop_vars))
        yield '\n'
    l_1_a = l_1_article_card = missing
    yield '</ol>\n</section>\n'
    if environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'topics'):
        pass
        yield '<section aria-labelledby="topics-heading">\n<h2 id="topics-heading">Topics</h2>\n<ul class="topic-list">\n'
        for l_1_t in environment.getattr((undefined(name='home') if l_0_home is missing else l_0_home), 'topics'):
            _loop_vars = {}
            pass
            yield '  <li><a href="'
            yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
            yield escape(environment.getattr(l_1_t, 'href'))
            yield '">'
            yield escape(environment.getattr(l_1_t, 'name'))
            yield '</a> <span class="chart-count">('
            yield escape(t_2(environment.getattr(l_1_t, 'count'), 'article'))
            yield ')</span></li>\n'
        l_1_t = missing
        yield '</ul>\n</section>\n'

blocks = {'main': block_main}
debug_info = '1=13&2=16&3=22&4=30&6=55&7=57&8=63&9=65&12=69&19=71&20=75&24=79&28=82&29=86'

# Generated by `python -m k2site.render.compiled_theme` from theme/templates/publication.html.
