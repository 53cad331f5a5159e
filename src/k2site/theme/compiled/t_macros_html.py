from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'macros.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_badge = l_0_evidence_summary = l_0_verdict = l_0_group_badge = l_0_verification = l_0_study_links = l_0_claim_list = l_0_swatch = missing
    try:
        t_1 = environment.filters['plural']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'plural' found.")
    try:
        t_2 = environment.filters['truncate']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'truncate' found.")
    pass
    included_template = environment.get_template('partials/badge.html', 'macros.html')._get_default_module(context)
    l_0_badge = getattr(included_template, 'badge', missing)
    if l_0_badge is missing:
        l_0_badge = undefined(f"the template {included_template.__name__!r} (imported on line 1 in 'macros.html') does not export the requested name 'badge'", name='badge')
    context.vars['badge'] = l_0_badge
    context.exported_vars.discard('badge')
    def macro(l_1_ev, l_1_root, l_1_with_verdict):
        t_3 = []
        if l_1_ev is missing:
            l_1_ev = undefined("parameter 'ev' was not provided", name='ev')
        if l_1_root is missing:
            l_1_root = undefined("parameter 'root' was not provided", name='root')
        if l_1_with_verdict is missing:
            l_1_with_verdict = True
        pass
        t_3.append(
            '<div class="evidence-summary">\n',
        )
        if l_1_with_verdict:
            pass
            t_3.append(
                escape(environment.call(context, (undefined(name='verdict') if l_0_verdict is missing else l_0_verdict), environment.getattr(l_1_ev, 'verdict'))),
            )
        if environment.getattr(l_1_ev, 'rows'):
            pass
            t_3.append(
                '  <svg class="evidence-bar" viewBox="0 0 100 4" preserveAspectRatio="none" aria-hidden="true" focusable="false">',
            )
            for l_2_row in environment.getattr(l_1_ev, 'rows'):
                _loop_vars = {}
                pass
                t_3.extend((
                    '<rect class="seg-',
                    escape(environment.getattr(l_2_row, 'id')),
                    '" x="',
                    escape(environment.getattr(l_2_row, 'x')),
                    '" y="0" width="',
                    escape(environment.getattr(l_2_row, 'percent')),
                    '" height="4"></rect>',
                ))
            l_2_row = missing
            t_3.extend((
                '</svg>\n  <p class="evidence-total">',
                escape(t_1(environment.getattr(l_1_ev, 'cited'), 'claim')),
                ' with cited evidence',
            ))
            if environment.getattr(l_1_ev, 'uncited'):
                pass
                t_3.extend((
                    ' and ',
                    escape(t_1(environment.getattr(l_1_ev, 'uncited'), 'health statement')),
                    ' without',
                ))
            t_3.append(
                ', by the strongest kind of study cited:</p>\n  <ul class="evidence-legend">\n',
            )
            for l_2_row in environment.getattr(l_1_ev, 'rows'):
                _loop_vars = {}
                pass
                t_3.extend((
                    '    <li>',
                    escape(environment.call(context, (undefined(name='swatch') if l_0_swatch is missing else l_0_swatch), l_2_row, _loop_vars=_loop_vars)),
                    '<span class="legend-symbol seg-text-',
                    escape(environment.getattr(l_2_row, 'id')),
                    '" aria-hidden="true">',
                    escape(environment.getattr(l_2_row, 'symbol')),
                    '</span> ',
                    escape(environment.getattr(l_2_row, 'count')),
                    ' ',
                ))
                if (environment.getattr(l_2_row, 'id') == 'none'):
                    pass
                    t_3.append(
                        'with no evidence cited',
                    )
                else:
                    pass
                    t_3.append(
                        escape(environment.getattr(l_2_row, 'label')),
                    )
                t_3.append(
                    '</li>\n',
                )
            l_2_row = missing
            t_3.append(
                '  </ul>\n',
            )
        t_3.append(
            '</div>\n',
        )
        return concat(t_3)
    context.exported_vars.add('evidence_summary')
    context.vars['evidence_summary'] = l_0_evidence_summary = Macro(environment, macro, 'evidence_summary', ('ev', 'root', 'with_verdict'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_v):
        t_4 = []
        if l_1_v is missing:
            l_1_v = undefined("parameter 'v' was not provided", name='v')
        pass
        t_4.extend((
            '<p class="verdict verdict-',
            escape(environment.getattr(l_1_v, 'id')),
            '">Verdict: <strong>',
            escape(environment.getattr(l_1_v, 'text')),
            '</strong>.</p>',
        ))
        return concat(t_4)
    context.exported_vars.add('verdict')
    context.vars['verdict'] = l_0_verdict = Macro(environment, macro, 'verdict', ('v',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_group, l_1_root):
        t_5 = []
        if l_1_group is missing:
            l_1_group = undefined("parameter 'group' was not provided", name='group')
        if l_1_root is missing:
            l_1_root = undefined("parameter 'root' was not provided", name='root')
        pass
        t_5.append(
            escape(environment.call(context, (undefined(name='badge') if l_0_badge is missing else l_0_badge), l_1_group, l_1_root)),
        )
        return concat(t_5)
    context.exported_vars.add('group_badge')
    context.vars['group_badge'] = l_0_group_badge = Macro(environment, macro, 'group_badge', ('group', 'root'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_s):
        t_6 = []
        if l_1_s is missing:
            l_1_s = undefined("parameter 's' was not provided", name='s')
        pass
        if (environment.getattr(l_1_s, 'verification') == 'unresolved'):
            pass
            t_6.append(
                '<p class="verification verification-unresolved"><strong>Source not identified.</strong> The article cites a source here that could not be identified; it supports nothing a reader can check.</p>\n',
            )
        elif (environment.getattr(l_1_s, 'verification') == 'likely'):
            pass
            t_6.append(
                '<p class="verification verification-likely"><strong>Not confirmed:</strong> identified from the article\'s context, not confirmed.</p>\n',
            )
        else:
            pass
            t_6.append(
                '<p class="verification verification-confirmed">Identity confirmed.</p>',
            )
        return concat(t_6)
    context.exported_vars.add('verification')
    context.vars['verification'] = l_0_verification = Macro(environment, macro, 'verification', ('s',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_s):
        t_7 = []
        if l_1_s is missing:
            l_1_s = undefined("parameter 's' was not provided", name='s')
        pass
        if ((environment.getattr(l_1_s, 'doi') or environment.getattr(l_1_s, 'pmid')) or environment.getattr(l_1_s, 'url')):
            pass
            t_7.append(
                '<p class="study-links" data-pagefind-ignore>',
            )
            if environment.getattr(l_1_s, 'doi'):
                pass
                t_7.extend((
                    '<a href="https://doi.org/',
                    escape(environment.getattr(l_1_s, 'doi')),
                    '" rel="noopener">DOI: ',
                    escape(environment.getattr(l_1_s, 'doi')),
                    '</a>',
                ))
            if environment.getattr(l_1_s, 'pmid'):
                pass
                t_7.extend((
                    ' <a href="https://pubmed.ncbi.nlm.nih.gov/',
                    escape(environment.getattr(l_1_s, 'pmid')),
                    '/" rel="noopener">PubMed ',
                    escape(environment.getattr(l_1_s, 'pmid')),
                    '</a>',
                ))
            if (environment.getattr(l_1_s, 'url') and (not environment.getattr(l_1_s, 'doi'))):
                pass
                t_7.extend((
                    ' <a href="',
                    escape(environment.getattr(l_1_s, 'url')),
                    '" rel="noopener">Source page</a>',
                ))
            t_7.append(
                '</p>',
            )
        return concat(t_7)
    context.exported_vars.add('study_links')
    context.vars['study_links'] = l_0_study_links = Macro(environment, macro, 'study_links', ('s',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_claims, l_1_root, l_1_more):
        t_8 = []
        if l_1_claims is missing:
            l_1_claims = undefined("parameter 'claims' was not provided", name='claims')
        if l_1_root is missing:
            l_1_root = undefined("parameter 'root' was not provided", name='root')
        if l_1_more is missing:
            l_1_more = 0
        pass
        t_8.append(
            '<ul class="claim-links">\n',
        )
        for l_2_c in l_1_claims:
            _loop_vars = {}
            pass
            t_8.extend((
                '  <li><a href="',
                escape(l_1_root),
                escape(environment.getattr(l_2_c, 'page')),
                '/#',
                escape(environment.getattr(l_2_c, 'id')),
                '">',
                escape(t_2(environment, environment.getattr(l_2_c, 'text'), 160)),
                '</a> <span class="claim-page">(',
                escape(environment.getattr(l_2_c, 'page_title')),
                ')</span></li>\n',
            ))
        l_2_c = missing
        t_8.append(
            '</ul>\n',
        )
        if l_1_more:
            pass
            t_8.extend((
                '<p class="claim-more">…and ',
                escape(t_1(l_1_more, 'more claim')),
                '.</p>',
            ))
        return concat(t_8)
    context.exported_vars.add('claim_list')
    context.vars['claim_list'] = l_0_claim_list = Macro(environment, macro, 'claim_list', ('claims', 'root', 'more'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_group):
        t_9 = []
        if l_1_group is missing:
            l_1_group = undefined("parameter 'group' was not provided", name='group')
        pass
        t_9.extend((
            '<svg class="swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false"><rect class="seg-',
            escape(environment.getattr(l_1_group, 'id')),
            '" width="16" height="16" rx="3"></rect></svg>',
        ))
        return concat(t_9)
    context.exported_vars.add('swatch')
    context.vars['swatch'] = l_0_swatch = Macro(environment, macro, 'swatch', ('group',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '1=24&4=30&6=42&7=47&8=52&9=67&11=80&12=85&19=118&21=134&23=148&24=153&25=158&29=172&30=177&33=214&35=226&36=231&39=245&42=256'

# Generated by `python -m k2site.render.compiled_theme` from theme/templates/macros.html.
