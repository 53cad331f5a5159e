from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'evidence.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_group_badge = l_0_claim_list = l_0_swatch = l_0_verdict = l_0_evidence_map = l_0_disputed_section = missing
    pass
    parent_template = environment.get_template('base.html', 'evidence.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('macros.html', 'evidence.html')._get_default_module(context)
    l_0_group_badge = getattr(included_template, 'group_badge', missing)
    if l_0_group_badge is missing:
        l_0_group_badge = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'evidence.html') does not export the requested name 'group_badge'", name='group_badge')
    l_0_claim_list = getattr(included_template, 'claim_list', missing)
    if l_0_claim_list is missing:
        l_0_claim_list = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'evidence.html') does not export the requested name 'claim_list'", name='claim_list')
    l_0_swatch = getattr(included_template, 'swatch', missing)
    if l_0_swatch is missing:
        l_0_swatch = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'evidence.html') does not export the requested name 'swatch'", name='swatch')
    l_0_verdict = getattr(included_template, 'verdict', missing)
    if l_0_verdict is missing:
        l_0_verdict = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'evidence.html') does not export the requested name 'verdict'", name='verdict')
    context.vars.update({'group_badge': l_0_group_badge, 'claim_list': l_0_claim_list, 'swatch': l_0_swatch, 'verdict': l_0_verdict})
    context.exported_vars.difference_update(('group_badge', 'claim_list', 'swatch', 'verdict'))
    included_template = environment.get_template('evidence-map.html', 'evidence.html')._get_default_module(context)
    l_0_evidence_map = getattr(included_template, 'evidence_map', missing)
    if l_0_evidence_map is missing:
        l_0_evidence_map = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'evidence.html') does not export the requested name 'evidence_map'", name='evidence_map')
    l_0_disputed_section = getattr(included_template, 'disputed_section', missing)
    if l_0_disputed_section is missing:
        l_0_disputed_section = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'evidence.html') does not export the requested name 'disputed_section'", name='disputed_section')
    context.vars.update({'evidence_map': l_0_evidence_map, 'disputed_section': l_0_disputed_section})
    context.exported_vars.difference_update(('evidence_map', 'disputed_section'))
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
    yield 'Evidence overview · '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))

def block_body_class(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'page page-wide'

def block_main(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_verdict = resolve('verdict')
    l_0_overview = resolve('overview')
    l_0_site = resolve('site')
    l_0_evidence_map = resolve('evidence_map')
    try:
        t_1 = environment.filters['capitalize']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'capitalize' found.")
    try:
        t_2 = environment.filters['plural']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'plural' found.")
    pass
    yield '<h1>Evidence overview</h1>\n'
    yield escape(environment.call(context, (undefined(name='verdict') if l_0_verdict is missing else l_0_verdict), environment.getattr(environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'all'), 'verdict'), _block_vars=_block_vars))
    yield '\n<p>How strong is the evidence behind the '
    if environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'publication'):
        pass
        yield "articles'"
    else:
        pass
        yield "article's"
    yield ' claims? Each claim counts once per topic, in the group of its strongest supporting study; a disputed claim (a study against it is stronger) is counted apart. '
    yield escape(t_2(environment.getattr(environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'all'), 'cited'), 'claim'))
    yield ' cite a source'
    if environment.getattr(environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'all'), 'uncited'):
        pass
        yield ', and '
        yield escape(t_2(environment.getattr(environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'all'), 'uncited'), 'health statement'))
        yield ' cite none'
    yield '. Select a topic or a bar to read its claims.</p>\n<figure class="chart" aria-labelledby="chart-caption">\n  <ul class="chart-legend" aria-label="Evidence groups, strongest first">\n'
    for l_1_g in environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'groups'):
        l_1_swatch = resolve('swatch')
        _loop_vars = {}
        pass
        yield '    <li>'
        yield escape(environment.call(context, (undefined(name='swatch') if l_1_swatch is missing else l_1_swatch), l_1_g, _loop_vars=_loop_vars))
        yield '<span class="legend-symbol seg-text-'
        yield escape(environment.getattr(l_1_g, 'id'))
        yield '" aria-hidden="true">'
        yield escape(environment.getattr(l_1_g, 'symbol'))
        yield '</span> '
        yield escape(environment.getattr(l_1_g, 'short'))
        yield '</li>\n'
    l_1_g = l_1_swatch = missing
    yield '  </ul>\n  <ol class="chart-rows">\n'
    for l_1_t in environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'topics'):
        _loop_vars = {}
        pass
        yield '    <li class="chart-row">\n      <a class="chart-label" href="#'
        yield escape(environment.getattr(l_1_t, 'anchor'))
        yield '">'
        yield escape(environment.getattr(l_1_t, 'topic'))
        yield ' <span class="chart-count">('
        yield escape(t_2(environment.getattr(l_1_t, 'total'), 'statement'))
        yield ')</span></a>\n      <svg class="chart-bar" viewBox="0 0 1000 44" preserveAspectRatio="none" aria-hidden="true" focusable="false">\n'
        for l_2_cell in environment.getattr(l_1_t, 'rows'):
            _loop_vars = {}
            pass
            yield '        <a href="#'
            yield escape(environment.getattr(l_2_cell, 'anchor'))
            yield '" tabindex="-1"><title>'
            yield escape(environment.getattr(l_1_t, 'topic'))
            yield ': '
            yield escape(environment.getattr(l_2_cell, 'count'))
            yield ' '
            yield escape(environment.getattr(l_2_cell, 'short'))
            yield '</title><rect class="seg-'
            yield escape(environment.getattr(l_2_cell, 'id'))
            yield '" x="'
            yield escape((environment.getattr(l_2_cell, 'x') * 10))
            yield '" y="0" width="'
            yield escape((environment.getattr(l_2_cell, 'percent') * 10))
            yield '" height="44"></rect></a>\n'
        l_2_cell = missing
        yield '      </svg>\n      <span class="chart-symbols" aria-hidden="true">'
        for l_2_cell in environment.getattr(l_1_t, 'rows'):
            _loop_vars = {}
            pass
            yield '<span class="seg-text-'
            yield escape(environment.getattr(l_2_cell, 'id'))
            yield '">'
            yield escape(environment.getattr(l_2_cell, 'symbol'))
            yield '&#8239;'
            yield escape(environment.getattr(l_2_cell, 'count'))
            yield '</span>'
        l_2_cell = missing
        if environment.getattr(environment.getattr(l_1_t, 'disputed'), 'count'):
            pass
            yield '<span class="chart-disputed">disputed&#8239;'
            yield escape(environment.getattr(environment.getattr(l_1_t, 'disputed'), 'count'))
            yield '</span>'
        yield '</span>\n    </li>\n'
    l_1_t = missing
    yield '  </ol>\n  <figcaption id="chart-caption">Share of claims per topic, by evidence group (strongest on the left)'
    if environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'disputed'):
        pass
        yield '; disputed claims are counted apart'
    yield '. The table below gives the same numbers.</figcaption>\n</figure>\n'
    yield escape(environment.call(context, (undefined(name='evidence_map') if l_0_evidence_map is missing else l_0_evidence_map), (undefined(name='overview') if l_0_overview is missing else l_0_overview), environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'groups'), _block_vars=_block_vars))
    yield '\n<h2>Claims by topic</h2>\n'
    for l_1_t in environment.getattr((undefined(name='overview') if l_0_overview is missing else l_0_overview), 'topics'):
        l_1_disputed_section = resolve('disputed_section')
        l_1_root = resolve('root')
        _loop_vars = {}
        pass
        yield '<section id="'
        yield escape(environment.getattr(l_1_t, 'anchor'))
        yield '" class="topic-section" aria-labelledby="'
        yield escape(environment.getattr(l_1_t, 'anchor'))
        yield '-heading">\n  <h3 id="'
        yield escape(environment.getattr(l_1_t, 'anchor'))
        yield '-heading">'
        yield escape(t_1(environment.getattr(l_1_t, 'topic')))
        yield ' <span class="chart-count">('
        yield escape(t_2(environment.getattr(l_1_t, 'total'), 'statement'))
        yield ')</span></h3>\n  '
        yield escape(environment.call(context, (undefined(name='verdict') if l_0_verdict is missing else l_0_verdict), environment.getattr(l_1_t, 'verdict'), _loop_vars=_loop_vars))
        yield '\n'
        for l_2_cell in environment.getattr(l_1_t, 'rows'):
            l_2_group_badge = resolve('group_badge')
            l_2_claim_list = resolve('claim_list')
            _loop_vars = {}
            pass
            yield '  <div id="'
            yield escape(environment.getattr(l_2_cell, 'anchor'))
            yield '" class="group-section">\n    <h4>'
            yield escape(environment.call(context, (undefined(name='group_badge') if l_2_group_badge is missing else l_2_group_badge), l_2_cell, (undefined(name='root') if l_1_root is missing else l_1_root), _loop_vars=_loop_vars))
            yield ' <span class="group-label">'
            yield escape(t_1(environment.getattr(l_2_cell, 'label')))
            yield ' ('
            yield escape(environment.getattr(l_2_cell, 'count'))
            yield ')</span></h4>\n'
            if environment.getattr(l_2_cell, 'claims'):
                pass
                yield escape(environment.call(context, (undefined(name='claim_list') if l_2_claim_list is missing else l_2_claim_list), environment.getattr(l_2_cell, 'claims'), (undefined(name='root') if l_1_root is missing else l_1_root), environment.getattr(l_2_cell, 'more'), _loop_vars=_loop_vars))
            if environment.getattr(l_2_cell, 'uncited_pages'):
                pass
                yield '<ul class="claim-links uncited-pages">'
                for l_3_p in environment.getattr(l_2_cell, 'uncited_pages'):
                    _loop_vars = {}
                    pass
                    yield '<li><a href="'
                    yield escape((undefined(name='root') if l_1_root is missing else l_1_root))
                    yield escape(environment.getattr(l_3_p, 'slug'))
                    yield '/">'
                    yield escape(environment.getattr(l_3_p, 'title'))
                    yield '</a>: '
                    yield escape(t_2(environment.getattr(l_3_p, 'count'), 'health statement'))
                    yield ' with no source cited</li>'
                l_3_p = missing
                yield '</ul>'
            yield '  </div>\n'
        l_2_cell = l_2_group_badge = l_2_claim_list = missing
        yield '  '
        yield escape(environment.call(context, (undefined(name='disputed_section') if l_1_disputed_section is missing else l_1_disputed_section), l_1_t, (undefined(name='root') if l_1_root is missing else l_1_root), _loop_vars=_loop_vars))
        yield '\n</section>\n'
    l_1_t = l_1_disputed_section = l_1_root = missing

blocks = {'title': block_title, 'body_class': block_body_class, 'main': block_main}
debug_info = '1=13&2=16&3=31&4=42&5=54&6=64&8=89&9=91&12=106&13=111&17=121&19=125&23=131&24=135&27=151&31=170&33=174&35=176&36=182&37=186&38=192&39=194&40=200&41=202&42=208&43=211&46=230'

# Generated by `python -m k2site.render.compiled_theme` from theme/templates/evidence.html.
