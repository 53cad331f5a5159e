from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'topic.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_evidence_summary = l_0_group_badge = l_0_claim_list = l_0_article_card = missing
    pass
    parent_template = environment.get_template('base.html', 'topic.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('macros.html', 'topic.html')._get_default_module(context)
    l_0_evidence_summary = getattr(included_template, 'evidence_summary', missing)
    if l_0_evidence_summary is missing:
        l_0_evidence_summary = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'topic.html') does not export the requested name 'evidence_summary'", name='evidence_summary')
    l_0_group_badge = getattr(included_template, 'group_badge', missing)
    if l_0_group_badge is missing:
        l_0_group_badge = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'topic.html') does not export the requested name 'group_badge'", name='group_badge')
    l_0_claim_list = getattr(included_template, 'claim_list', missing)
    if l_0_claim_list is missing:
        l_0_claim_list = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'topic.html') does not export the requested name 'claim_list'", name='claim_list')
    context.vars.update({'evidence_summary': l_0_evidence_summary, 'group_badge': l_0_group_badge, 'claim_list': l_0_claim_list})
    context.exported_vars.difference_update(('evidence_summary', 'group_badge', 'claim_list'))
    included_template = environment.get_template('partials/publication-macros.html', 'topic.html')._get_default_module(context)
    l_0_article_card = getattr(included_template, 'article_card', missing)
    if l_0_article_card is missing:
        l_0_article_card = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'topic.html') does not export the requested name 'article_card'", name='article_card')
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
    l_0_topic = resolve('topic')
    l_0_site = resolve('site')
    pass
    yield escape(environment.getattr((undefined(name='topic') if l_0_topic is missing else l_0_topic), 'title'))
    yield ' · '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))

def block_description(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_topic = resolve('topic')
    pass
    yield 'Articles and claims on '
    yield escape(environment.getattr((undefined(name='topic') if l_0_topic is missing else l_0_topic), 'name'))
    yield ', with the evidence behind each.'

def block_main(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_topic = resolve('topic')
    l_0_evidence_summary = resolve('evidence_summary')
    l_0_root = resolve('root')
    try:
        t_1 = environment.filters['capitalize']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'capitalize' found.")
    pass
    yield '<p class="kicker">Topic</p>\n<h1>'
    yield escape(environment.getattr((undefined(name='topic') if l_0_topic is missing else l_0_topic), 'title'))
    yield '</h1>\n'
    yield escape(environment.call(context, (undefined(name='evidence_summary') if l_0_evidence_summary is missing else l_0_evidence_summary), environment.getattr((undefined(name='topic') if l_0_topic is missing else l_0_topic), 'evidence'), (undefined(name='root') if l_0_root is missing else l_0_root), _block_vars=_block_vars))
    yield '\n<section aria-labelledby="topic-articles">\n<h2 id="topic-articles">Articles</h2>\n<ol class="section-list">\n'
    for l_1_a in environment.getattr((undefined(name='topic') if l_0_topic is missing else l_0_topic), 'articles'):
        l_1_article_card = resolve('article_card')
        _loop_vars = {}
        pass
        yield escape(environment.call(context, (undefined(name='article_card') if l_1_article_card is missing else l_1_article_card), l_1_a, (undefined(name='root') if l_0_root is missing else l_0_root), _loop_vars=_loop_vars))
        yield '\n'
    l_1_a = l_1_article_card = missing
    yield '</ol>\n</section>\n'
    if environment.getattr((undefined(name='topic') if l_0_topic is missing else l_0_topic), 'groups'):
        pass
        yield '<section aria-labelledby="topic-claims">\n<h2 id="topic-claims">Claims, strongest evidence first</h2>\n'
        for l_1_g in environment.getattr((undefined(name='topic') if l_0_topic is missing else l_0_topic), 'groups'):
            l_1_group_badge = resolve('group_badge')
            l_1_claim_list = resolve('claim_list')
            _loop_vars = {}
            pass
            yield '<div id="'
            yield escape(environment.getattr(l_1_g, 'id'))
            yield '" class="group-section">\n  <h3>'
            yield escape(environment.call(context, (undefined(name='group_badge') if l_1_group_badge is missing else l_1_group_badge), l_1_g, (undefined(name='root') if l_0_root is missing else l_0_root), _loop_vars=_loop_vars))
            yield ' <span class="group-label">'
            yield escape(t_1(environment.getattr(l_1_g, 'label')))
            yield ' ('
            yield escape(environment.getattr(l_1_g, 'count'))
            yield ')</span></h3>\n  '
            yield escape(environment.call(context, (undefined(name='claim_list') if l_1_claim_list is missing else l_1_claim_list), environment.getattr(l_1_g, 'claims'), (undefined(name='root') if l_0_root is missing else l_0_root), environment.getattr(l_1_g, 'more'), _loop_vars=_loop_vars))
            yield '\n</div>\n'
        l_1_g = l_1_group_badge = l_1_claim_list = missing
        yield '</section>\n'

blocks = {'title': block_title, 'description': block_description, 'main': block_main}
debug_info = '1=13&2=16&3=28&4=36&5=50&6=63&8=81&9=83&13=85&14=89&18=93&21=96&22=102&23=104&24=110'

# Generated by `python -m k2site.render.compiled_theme` from theme/templates/topic.html.
