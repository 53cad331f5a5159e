from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'integrity.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_notices = l_0_notice_mark = l_0_registrations = missing
    try:
        t_1 = environment.filters['join']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'join' found.")
    pass
    yield '\n'
    def macro(l_1_s):
        t_2 = []
        if l_1_s is missing:
            l_1_s = undefined("parameter 's' was not provided", name='s')
        pass
        if environment.getattr(l_1_s, 'notices'):
            pass
            t_2.append(
                '<section class="study-notices',
            )
            if environment.getattr(l_1_s, 'retracted'):
                pass
                t_2.append(
                    ' study-retracted',
                )
            t_2.append(
                '" aria-labelledby="study-notices-heading">\n  <h2 id="study-notices-heading">',
            )
            if environment.getattr(l_1_s, 'retracted'):
                pass
                t_2.append(
                    'Retracted: this study no longer counts as evidence',
                )
            else:
                pass
                t_2.append(
                    'Notices about this study',
                )
            t_2.append(
                '</h2>\n  <ul>\n',
            )
            for l_2_n in environment.getattr(l_1_s, 'notices'):
                _loop_vars = {}
                pass
                t_2.extend((
                    '    <li class="notice notice-',
                    escape(environment.getattr(l_2_n, 'kind')),
                    '"><strong>',
                    escape(environment.getattr(l_2_n, 'label')),
                    '</strong>',
                ))
                if environment.getattr(l_2_n, 'date'):
                    pass
                    t_2.extend((
                        ' <time datetime="',
                        escape(environment.getattr(l_2_n, 'iso')),
                        '">',
                        escape(environment.getattr(l_2_n, 'date')),
                        '</time>',
                    ))
                if environment.getattr(l_2_n, 'doi'):
                    pass
                    t_2.extend((
                        ' (<a href="https://doi.org/',
                        escape(environment.getattr(l_2_n, 'doi')),
                        '" rel="noopener">notice: DOI ',
                        escape(environment.getattr(l_2_n, 'doi')),
                        '</a>)',
                    ))
                t_2.extend((
                    '. ',
                    escape(environment.getattr(l_2_n, 'meaning')),
                ))
                if environment.getattr(l_2_n, 'reasons'):
                    pass
                    t_2.extend((
                        ' Reasons given: ',
                        escape(t_1(context.eval_ctx, environment.getattr(l_2_n, 'reasons'), '; ')),
                        '.',
                    ))
                t_2.extend((
                    ' <span class="notice-source">Source: ',
                    escape(environment.getattr(l_2_n, 'source')),
                    '.</span></li>\n',
                ))
            l_2_n = missing
            t_2.append(
                '  </ul>\n</section>\n',
            )
        return concat(t_2)
    context.exported_vars.add('notices')
    context.vars['notices'] = l_0_notices = Macro(environment, macro, 'notices', ('s',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_s):
        t_3 = []
        if l_1_s is missing:
            l_1_s = undefined("parameter 's' was not provided", name='s')
        pass
        for l_2_n in environment.getattr(l_1_s, 'notices'):
            _loop_vars = {}
            pass
            t_3.extend((
                ' <strong class="notice-mark notice-',
                escape(environment.getattr(l_2_n, 'kind')),
                '">',
                escape(environment.getattr(l_2_n, 'summary')),
                '</strong>',
            ))
        l_2_n = missing
        return concat(t_3)
    context.exported_vars.add('notice_mark')
    context.vars['notice_mark'] = l_0_notice_mark = Macro(environment, macro, 'notice_mark', ('s',), False, False, False, context.eval_ctx.autoescape)
    yield '\n'
    def macro(l_1_s):
        t_4 = []
        if l_1_s is missing:
            l_1_s = undefined("parameter 's' was not provided", name='s')
        pass
        if environment.getattr(l_1_s, 'unregistered'):
            pass
            t_4.append(
                '<dt>Trial registration</dt><dd>None found: the editors found no record of this trial in a trial registry.</dd>',
            )
        if environment.getattr(l_1_s, 'registrations'):
            pass
            t_4.append(
                '<dt>Trial registration</dt><dd>',
            )
            l_2_loop = missing
            for l_2_r, l_2_loop in LoopContext(environment.getattr(l_1_s, 'registrations'), undefined):
                _loop_vars = {}
                pass
                if environment.getattr(l_2_r, 'url'):
                    pass
                    t_4.extend((
                        '<a href="',
                        escape(environment.getattr(l_2_r, 'url')),
                        '" rel="noopener">',
                        escape(environment.getattr(l_2_r, 'id')),
                        '</a> (',
                        escape(environment.getattr(l_2_r, 'registry')),
                        ')',
                    ))
                else:
                    pass
                    t_4.append(
                        escape(environment.getattr(l_2_r, 'id')),
                    )
                if (not environment.getattr(l_2_loop, 'last')):
                    pass
                    t_4.append(
                        ', ',
                    )
            l_2_loop = l_2_r = missing
            t_4.append(
                '</dd>',
            )
        return concat(t_4)
    context.exported_vars.add('registrations')
    context.vars['registrations'] = l_0_registrations = Macro(environment, macro, 'registrations', ('s',), False, False, False, context.eval_ctx.autoescape)

blocks = {}
debug_info = '4=19&5=24&6=29&7=37&9=50&10=55&17=102&19=122&20=127&21=132'

# Generated by `python -m k2site.render.compiled_theme` from theme/templates/integrity.html.
