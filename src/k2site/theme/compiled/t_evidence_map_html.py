from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'evidence-map.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_evidence_map = l_0_disputed_section = missing
    pass
    yield '\n'
    def macro(l_1_overview, l_1_groups):
        t_1 = []
        if l_1_overview is missing:
            l_1_overview = undefined("parameter 'overview' was not provided", name='overview')
        if l_1_groups is missing:
            l_1_groups = undefined("parameter 'groups' was not provided", name='groups')
        pass
        t_1.append(
            '<div class="table-scroll" role="region" aria-labelledby="evidence-table-caption" tabindex="0">\n<table class="evidence-table evidence-map">\n<caption id="evidence-table-caption">Evidence map: claims by topic and evidence group',
        )
        if environment.getattr(l_1_overview, 'gaps'):
            pass
            t_1.append(
                '; “gap” marks a kind of evidence no claim on the topic rests on',
            )
        t_1.append(
            '</caption>\n<thead><tr><th scope="col">Topic</th>',
        )
        for l_2_g in l_1_groups:
            _loop_vars = {}
            pass
            t_1.extend((
                '<th scope="col"><span aria-hidden="true">',
                escape(environment.getattr(l_2_g, 'symbol')),
                '</span> ',
                escape(environment.getattr(l_2_g, 'short')),
                '</th>',
            ))
        l_2_g = missing
        t_1.append(
            '<th scope="col">Disputed</th><th scope="col">All</th></tr></thead>\n<tbody>\n',
        )
        for l_2_t in environment.getattr(l_1_overview, 'topics'):
            _loop_vars = {}
            pass
            t_1.extend((
                '<tr><th scope="row"><a href="#',
                escape(environment.getattr(l_2_t, 'anchor')),
                '">',
                escape(environment.getattr(l_2_t, 'topic')),
                '</a></th>',
            ))
            for l_3_cell in environment.getattr(l_2_t, 'map'):
                _loop_vars = {}
                pass
                if environment.getattr(l_3_cell, 'count'):
                    pass
                    t_1.extend((
                        '<td><a href="#',
                        escape(environment.getattr(l_3_cell, 'anchor')),
                        '" aria-label="',
                        escape(environment.getattr(l_3_cell, 'count')),
                        ' ',
                        escape(environment.getattr(l_3_cell, 'short')),
                        ': ',
                        escape(environment.getattr(l_2_t, 'topic')),
                        '">',
                        escape(environment.getattr(l_3_cell, 'count')),
                        '</a></td>',
                    ))
                elif environment.getattr(l_3_cell, 'gap'):
                    pass
                    t_1.append(
                        '<td class="gap">gap</td>',
                    )
                else:
                    pass
                    t_1.append(
                        '<td><span class="zero">0</span></td>',
                    )
            l_3_cell = missing
            t_1.append(
                '<td>',
            )
            if environment.getattr(environment.getattr(l_2_t, 'disputed'), 'count'):
                pass
                t_1.extend((
                    '<a href="#',
                    escape(environment.getattr(environment.getattr(l_2_t, 'disputed'), 'anchor')),
                    '" aria-label="',
                    escape(environment.getattr(environment.getattr(l_2_t, 'disputed'), 'count')),
                    ' disputed: ',
                    escape(environment.getattr(l_2_t, 'topic')),
                    '">',
                    escape(environment.getattr(environment.getattr(l_2_t, 'disputed'), 'count')),
                    '</a>',
                ))
            else:
                pass
                t_1.append(
                    '<span class="zero">0</span>',
                )
            t_1.extend((
                '</td><td>',
                escape(environment.getattr(l_2_t, 'total')),
                '</td></tr>\n',
            ))
        l_2_t = missing
        t_1.append(
            '</tbody>\n</table>\n</div>\n',
        )
        return concat(t_1)
    context.exported_vars.add('evidence_map')
    context.vars['evidence_map'] = l_0_evidence_map = Macro(environment, macro, 'evidence_map', ('overview', 'groups'), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_t, l_1_root):
        t_2 = []
        l_1_claim_list = missing
        if l_1_t is missing:
            l_1_t = undefined("parameter 't' was not provided", name='t')
        if l_1_root is missing:
            l_1_root = undefined("parameter 'root' was not provided", name='root')
        pass
        included_template = environment.get_template('macros.html', 'evidence-map.html')._get_default_module(context)
        l_1_claim_list = getattr(included_template, 'claim_list', missing)
        if l_1_claim_list is missing:
            l_1_claim_list = undefined(f"the template {included_template.__name__!r} (imported on line 20 in 'evidence-map.html') does not export the requested name 'claim_list'", name='claim_list')
        if environment.getattr(environment.getattr(l_1_t, 'disputed'), 'count'):
            pass
            t_2.extend((
                '<div id="',
                escape(environment.getattr(environment.getattr(l_1_t, 'disputed'), 'anchor')),
                '" class="group-section group-disputed">\n  <h4><span class="badge badge-disputed">Disputed</span> <span class="group-label">A cited study against the claim is stronger than any for it (',
                escape(environment.getattr(environment.getattr(l_1_t, 'disputed'), 'count')),
                ')</span></h4>\n  ',
                escape(environment.call(context, (undefined(name='claim_list') if l_1_claim_list is missing else l_1_claim_list), environment.getattr(environment.getattr(l_1_t, 'disputed'), 'claims'), l_1_root, environment.getattr(environment.getattr(l_1_t, 'disputed'), 'more'))),
                '\n</div>\n',
            ))
        return concat(t_2)
    context.exported_vars.add('disputed_section')
    context.vars['disputed_section'] = l_0_disputed_section = Macro(environment, macro, 'disputed_section', ('t', 'root'), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '5=13&8=23&9=31&11=45&12=50&19=118&20=126&21=130&22=134&23=136&24=138'

# Generated by `python -m k2site.render.compiled_theme` from theme/templates/evidence-map.html.
