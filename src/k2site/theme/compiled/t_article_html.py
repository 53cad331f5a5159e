from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'article.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_evidence_summary = l_0_verdict = l_0_notice_mark = l_0_safety_warnings = l_0_print_key = missing
    pass
    parent_template = environment.get_template('base.html', 'article.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('macros.html', 'article.html')._get_default_module(context)
    l_0_evidence_summary = getattr(included_template, 'evidence_summary', missing)
    if l_0_evidence_summary is missing:
        l_0_evidence_summary = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'article.html') does not export the requested name 'evidence_summary'", name='evidence_summary')
    l_0_verdict = getattr(included_template, 'verdict', missing)
    if l_0_verdict is missing:
        l_0_verdict = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'article.html') does not export the requested name 'verdict'", name='verdict')
    context.vars.update({'evidence_summary': l_0_evidence_summary, 'verdict': l_0_verdict})
    context.exported_vars.difference_update(('evidence_summary', 'verdict'))
    included_template = environment.get_template('integrity.html', 'article.html')._get_default_module(context)
    l_0_notice_mark = getattr(included_template, 'notice_mark', missing)
    if l_0_notice_mark is missing:
        l_0_notice_mark = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'article.html') does not export the requested name 'notice_mark'", name='notice_mark')
    context.vars['notice_mark'] = l_0_notice_mark
    context.exported_vars.discard('notice_mark')
    included_template = environment.get_template('partials/safety.html', 'article.html')._get_default_module(context)
    l_0_safety_warnings = getattr(included_template, 'safety_warnings', missing)
    if l_0_safety_warnings is missing:
        l_0_safety_warnings = undefined(f"the template {included_template.__name__!r} (imported on line 4 in 'article.html') does not export the requested name 'safety_warnings'", name='safety_warnings')
    context.vars['safety_warnings'] = l_0_safety_warnings
    context.exported_vars.discard('safety_warnings')
    included_template = environment.get_template('partials/print.html', 'article.html')._get_default_module(context)
    l_0_print_key = getattr(included_template, 'print_key', missing)
    if l_0_print_key is missing:
        l_0_print_key = undefined(f"the template {included_template.__name__!r} (imported on line 5 in 'article.html') does not export the requested name 'print_key'", name='print_key')
    context.vars['print_key'] = l_0_print_key
    context.exported_vars.discard('print_key')
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_page = resolve('page')
    l_0_site = resolve('site')
    pass
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title'))
    yield ' · '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))

def block_description(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_page = resolve('page')
    l_0_site = resolve('site')
    pass
    yield escape((environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'summary') or environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'description')))

def block_og_type(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'article'

def block_og_extra(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_page = resolve('page')
    pass
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'reviewed'):
        pass
        yield '<meta property="article:modified_time" content="'
        yield escape(environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'reviewed'), 'iso'))
        yield '">'
    for l_1_topic in environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'topics'):
        _loop_vars = {}
        pass
        yield '<meta property="article:tag" content="'
        yield escape(l_1_topic)
        yield '">\n'
    l_1_topic = missing

def block_head(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    template = environment.get_template('partials/citation-meta.html', 'article.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    template = environment.get_template('partials/citation-previews.html', 'article.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()

def block_body_class(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'page page-article'

def block_skip_target(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield '#article'

def block_print_date(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_page = resolve('page')
    pass
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'reviewed'):
        pass
        yield 'Last reviewed '
        yield escape(environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'reviewed'), 'text'))

def block_main(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_page = resolve('page')
    l_0_safety_warnings = resolve('safety_warnings')
    l_0_verdict = resolve('verdict')
    l_0_evidence_summary = resolve('evidence_summary')
    l_0_root = resolve('root')
    l_0_print_key = resolve('print_key')
    l_0_site = resolve('site')
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    try:
        t_2 = environment.filters['length']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'length' found.")
    try:
        t_3 = environment.filters['lower']
    except KeyError:
        @internalcode
        def t_3(*unused):
            raise TemplateRuntimeError("No filter named 'lower' found.")
    pass
    yield '<nav class="toc" aria-label="Contents" data-pagefind-ignore>\n  <details class="toc-details">\n    <summary>Contents</summary>\n    <ol class="toc-sections">\n'
    for l_1_s in environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'nav'):
        _loop_vars = {}
        pass
        if (environment.getattr(l_1_s, 'slug') == environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'slug')):
            pass
            yield '      <li class="toc-current" value="'
            yield escape(environment.getattr(l_1_s, 'number'))
            yield '"><a href="#main" aria-current="page">'
            yield escape(environment.getattr(l_1_s, 'title'))
            yield '</a>\n        <ol>\n'
            for l_2_h in environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'toc'):
                _loop_vars = {}
                pass
                yield '<li class="toc-'
                yield escape(environment.getattr(l_2_h, 'level'))
                yield '"><a href="#'
                yield escape(environment.getattr(l_2_h, 'id'))
                yield '">'
                yield escape(environment.getattr(l_2_h, 'text'))
                yield '</a></li>'
            l_2_h = missing
            if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'refs'):
                pass
                yield '<li><a href="#page-refs">References on this page</a></li>'
            yield '        </ol>\n      </li>\n'
        else:
            pass
            yield '      <li value="'
            yield escape(environment.getattr(l_1_s, 'number'))
            yield '"><a href="'
            yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
            yield escape(environment.getattr(l_1_s, 'slug'))
            yield '/">'
            yield escape(environment.getattr(l_1_s, 'title'))
            yield '</a></li>\n'
    l_1_s = missing
    yield '    </ol>\n  </details>\n</nav>\n<article class="article" id="article" tabindex="-1" data-pagefind-body>\n  <header class="article-header">\n'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'part_of'):
        pass
        yield '    <p class="kicker" data-pagefind-ignore>Part of <a href="'
        yield escape(environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'part_of'), 'href'))
        yield '">'
        yield escape(environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'part_of'), 'title'))
        yield '</a></p>\n'
    yield '    <h1>'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'title'))
    yield '</h1>\n    '
    yield escape(environment.call(context, (undefined(name='safety_warnings') if l_0_safety_warnings is missing else l_0_safety_warnings), environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'warnings'), _block_vars=_block_vars))
    yield '\n    '
    yield escape(environment.call(context, (undefined(name='verdict') if l_0_verdict is missing else l_0_verdict), environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'evidence'), 'verdict'), _block_vars=_block_vars))
    yield '\n'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'summary'):
        pass
        yield '<p class="takeaway"><strong>Key takeaway:</strong> '
        yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'summary'))
        yield '</p>'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'byline'):
        pass
        template = environment.get_template('partials/byline.html', 'article.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
    else:
        pass
        yield '    <p class="meta" data-pagefind-ignore>'
        if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'reviewed'):
            pass
            yield 'Last reviewed <time datetime="'
            yield escape(environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'reviewed'), 'iso'))
            yield '">'
            yield escape(environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'reviewed'), 'text'))
            yield '</time>'
        else:
            pass
            yield 'Not yet reviewed'
        if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'topics'):
            pass
            yield ' · Topics: '
            yield escape(t_1(context.eval_ctx, environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'topics'), ', '))
        yield '</p>\n'
    yield '    <section class="page-evidence" aria-labelledby="page-evidence-heading" data-pagefind-ignore>\n      <h2 class="visually-hidden" id="page-evidence-heading">Evidence on this page</h2>\n      '
    yield escape(environment.call(context, (undefined(name='evidence_summary') if l_0_evidence_summary is missing else l_0_evidence_summary), environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'evidence'), (undefined(name='root') if l_0_root is missing else l_0_root), with_verdict=False, _block_vars=_block_vars))
    yield '\n'
    if environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'evidence'), 'cited'):
        pass
        yield '      <form class="evidence-filter" hidden>\n        <label for="evidence-min">Highlight claims whose best evidence is at least</label>\n        <select id="evidence-min" name="evidence">\n          <option value="">Show all claims alike</option>\n'
        for l_1_level in environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'levels'):
            _loop_vars = {}
            pass
            yield '          <option value="'
            yield escape(environment.getattr(l_1_level, 'id'))
            yield '">'
            yield escape(environment.getattr(l_1_level, 'symbol'))
            yield ' '
            yield escape(environment.getattr(l_1_level, 'short'))
            yield ' ('
            yield escape(environment.getattr(l_1_level, 'count'))
            yield ' of '
            yield escape(environment.getattr(l_1_level, 'total'))
            yield ')</option>\n'
        l_1_level = missing
        yield '        </select>\n        <p class="filter-status" role="status"></p>\n      </form>\n'
    yield '    </section>\n  </header>\n  <div class="article-body">\n'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'body'))
    yield '\n  </div>\n'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'sections'):
        pass
        template = environment.get_template('partials/article-sections.html', 'article.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'refs'):
        pass
        yield '  <section class="page-references" aria-labelledby="page-refs" data-pagefind-ignore>\n    <h2 id="page-refs">References on this page</h2>\n    <ol class="reference-list">\n'
        l_1_loop = missing
        for l_1_s, l_1_loop in LoopContext(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'refs'), undefined):
            l_1_notice_mark = resolve('notice_mark')
            l_1_n = missing
            _loop_vars = {}
            pass
            yield '      <li value="'
            yield escape(environment.getattr(l_1_s, 'number'))
            yield '" id="ref-'
            yield escape(environment.getattr(l_1_s, 'slug'))
            yield '"><span class="ref-entry">'
            yield escape(environment.getattr(l_1_s, 'entry'))
            yield '</span>'
            yield escape(environment.call(context, (undefined(name='notice_mark') if l_1_notice_mark is missing else l_1_notice_mark), l_1_s, _loop_vars=_loop_vars))
            yield ' <span class="ref-design">'
            yield escape(environment.getattr(l_1_s, 'design_label'))
            yield '</span>'
            if ((environment.getattr(l_1_s, 'verification') != 'confirmed') and (t_3(environment.getattr(l_1_s, 'verification_label')) != t_3(environment.getattr(l_1_s, 'design_label')))):
                pass
                yield ' <span class="ref-verification ref-'
                yield escape(environment.getattr(l_1_s, 'verification'))
                yield '">('
                yield escape(environment.getattr(l_1_s, 'verification_label'))
                yield ')</span>'
            yield ' <a class="ref-study" href="'
            yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
            yield 'studies/'
            yield escape(environment.getattr(l_1_s, 'slug'))
            yield '/">Study details</a>\n'
            l_1_n = t_2(environment.getattr(l_1_s, 'cited_here'))
            _loop_vars['n'] = l_1_n
            if ((undefined(name='n') if l_1_n is missing else l_1_n) == 1):
                pass
                yield '<a class="backlink" href="#'
                yield escape(environment.getitem(environment.getattr(l_1_s, 'cited_here'), 0))
                yield '">↩ Back to the text</a>\n'
            elif ((undefined(name='n') if l_1_n is missing else l_1_n) > 1):
                pass
                yield '<span class="backlink">↩ Back to the text: '
                l_2_loop = missing
                for l_2_id, l_2_loop in LoopContext(environment.getattr(l_1_s, 'cited_here'), undefined):
                    _loop_vars = {}
                    pass
                    yield '<a href="#'
                    yield escape(l_2_id)
                    yield '" aria-label="Back to the text, citation '
                    yield escape(environment.getattr(l_2_loop, 'index'))
                    yield ' of '
                    yield escape((undefined(name='n') if l_1_n is missing else l_1_n))
                    yield '">'
                    yield escape(environment.getattr(l_2_loop, 'index'))
                    yield '</a>'
                    if (not environment.getattr(l_2_loop, 'last')):
                        pass
                        yield ', '
                l_2_loop = l_2_id = missing
                yield '</span>'
            yield '      </li>\n'
        l_1_loop = l_1_s = l_1_notice_mark = l_1_n = missing
        yield '    </ol>\n  </section>\n'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'updates'):
        pass
        template = environment.get_template('partials/updates.html', 'article.html')
        gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
        try:
            for event in gen:
                yield event
        finally: gen.close()
    yield '  '
    yield escape(environment.call(context, (undefined(name='print_key') if l_0_print_key is missing else l_0_print_key), environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'groups'), _block_vars=_block_vars))
    yield '\n  <aside class="cite-this" aria-labelledby="cite-this-'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'slug'))
    yield '" data-pagefind-ignore>\n    <h2 id="cite-this-'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'slug'))
    yield '">Cite this page</h2>\n    <p class="cite-text">'
    yield escape(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'cite'))
    yield '</p>\n'
    template = environment.get_template('partials/cite-formats.html', 'article.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '  </aside>\n  <nav class="pager" aria-label="Sections" data-pagefind-ignore>\n'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'prev'):
        pass
        yield '<a rel="prev" href="'
        yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
        yield escape(environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'prev'), 'slug'))
        yield '/"><span class="pager-dir">Previous</span> ← '
        yield escape(environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'prev'), 'title'))
        yield '</a>'
    if environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'next'):
        pass
        yield '<a rel="next" href="'
        yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
        yield escape(environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'next'), 'slug'))
        yield '/"><span class="pager-dir">Next</span> '
        yield escape(environment.getattr(environment.getattr((undefined(name='page') if l_0_page is missing else l_0_page), 'next'), 'title'))
        yield ' →</a>'
    yield '  </nav>\n</article>\n'

blocks = {'title': block_title, 'description': block_description, 'og_type': block_og_type, 'og_extra': block_og_extra, 'head': block_head, 'body_class': block_body_class, 'skip_target': block_skip_target, 'print_date': block_print_date, 'main': block_main}
debug_info = '1=13&2=16&3=25&4=31&5=37&6=45&7=59&8=71&9=81&10=90&11=95&14=103&15=111&16=117&18=124&20=134&21=144&22=158&27=192&28=195&29=198&31=202&32=213&36=220&44=229&45=232&47=237&48=239&50=241&51=243&52=248&53=250&55=259&59=275&60=277&66=280&67=284&76=297&78=299&79=301&81=307&86=311&87=317&88=339&89=341&90=346&96=370&97=372&99=379&100=381&101=383&102=385&103=387&106=394&107=402'

# Generated by `python -m k2site.render.compiled_theme` from theme/templates/article.html.
