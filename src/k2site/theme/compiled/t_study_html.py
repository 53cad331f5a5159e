from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'study.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_group_badge = l_0_verification = l_0_study_links = l_0_claim_list = l_0_notices = l_0_registrations = missing
    pass
    parent_template = environment.get_template('base.html', 'study.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('macros.html', 'study.html')._get_default_module(context)
    l_0_group_badge = getattr(included_template, 'group_badge', missing)
    if l_0_group_badge is missing:
        l_0_group_badge = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'study.html') does not export the requested name 'group_badge'", name='group_badge')
    l_0_verification = getattr(included_template, 'verification', missing)
    if l_0_verification is missing:
        l_0_verification = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'study.html') does not export the requested name 'verification'", name='verification')
    l_0_study_links = getattr(included_template, 'study_links', missing)
    if l_0_study_links is missing:
        l_0_study_links = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'study.html') does not export the requested name 'study_links'", name='study_links')
    l_0_claim_list = getattr(included_template, 'claim_list', missing)
    if l_0_claim_list is missing:
        l_0_claim_list = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'study.html') does not export the requested name 'claim_list'", name='claim_list')
    context.vars.update({'group_badge': l_0_group_badge, 'verification': l_0_verification, 'study_links': l_0_study_links, 'claim_list': l_0_claim_list})
    context.exported_vars.difference_update(('group_badge', 'verification', 'study_links', 'claim_list'))
    included_template = environment.get_template('integrity.html', 'study.html')._get_default_module(context)
    l_0_notices = getattr(included_template, 'notices', missing)
    if l_0_notices is missing:
        l_0_notices = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'study.html') does not export the requested name 'notices'", name='notices')
    l_0_registrations = getattr(included_template, 'registrations', missing)
    if l_0_registrations is missing:
        l_0_registrations = undefined(f"the template {included_template.__name__!r} (imported on line 3 in 'study.html') does not export the requested name 'registrations'", name='registrations')
    context.vars.update({'notices': l_0_notices, 'registrations': l_0_registrations})
    context.exported_vars.difference_update(('notices', 'registrations'))
    yield from parent_template.root_render_func(context)

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_study = resolve('study')
    l_0_site = resolve('site')
    pass
    yield escape((environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'title') or environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'key')))
    yield ' · '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))

def block_description(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_study = resolve('study')
    pass
    yield escape(environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'design_label'))

def block_main(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_study = resolve('study')
    l_0_root = resolve('root')
    l_0_notices = resolve('notices')
    l_0_verification = resolve('verification')
    l_0_group_badge = resolve('group_badge')
    l_0_registrations = resolve('registrations')
    l_0_study_links = resolve('study_links')
    l_0_claim_list = resolve('claim_list')
    pass
    yield '<article class="study" data-pagefind-body data-pagefind-meta="kind:study">\n  <span hidden data-pagefind-meta="group:'
    yield escape(environment.getattr(environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'group'), 'id'))
    yield '"></span>\n'
    if (environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'verification') == 'unresolved'):
        pass
        yield '<span hidden data-pagefind-meta="source:unidentified"></span>'
    yield '  <p class="kicker" data-pagefind-ignore><a class="study-back" href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'references/#ref-'
    yield escape(environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'slug'))
    yield '">'
    if environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'number'):
        pass
        yield 'Reference '
        yield escape(environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'number'))
    else:
        pass
        yield 'Reference'
    yield ' in the reference list</a></p>\n  <h1'
    if (environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'verification') == 'unresolved'):
        pass
        yield ' data-pagefind-weight="0.1"'
    yield '>'
    yield escape((environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'title') or environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'key')))
    yield '</h1>\n  <p class="ref-entry"'
    if (environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'verification') == 'unresolved'):
        pass
        yield ' data-pagefind-weight="0.1"'
    yield '>'
    yield escape(environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'entry'))
    yield '</p>\n  '
    yield escape(environment.call(context, (undefined(name='notices') if l_0_notices is missing else l_0_notices), (undefined(name='study') if l_0_study is missing else l_0_study), _block_vars=_block_vars))
    yield '\n  '
    yield escape(environment.call(context, (undefined(name='verification') if l_0_verification is missing else l_0_verification), (undefined(name='study') if l_0_study is missing else l_0_study), _block_vars=_block_vars))
    yield '\n  <dl class="study-facts" data-pagefind-ignore>\n    <dt>Evidence group</dt><dd>'
    yield escape(environment.call(context, (undefined(name='group_badge') if l_0_group_badge is missing else l_0_group_badge), environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'group'), (undefined(name='root') if l_0_root is missing else l_0_root), _block_vars=_block_vars))
    yield ' '
    yield escape(environment.getattr(environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'group'), 'meaning'))
    yield '</dd>\n    <dt>Design</dt><dd>'
    yield escape(environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'design_label'))
    yield '</dd>\n    <dt>Participants</dt><dd>'
    if environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'participants'):
        pass
        yield escape(environment.call(context, environment.getattr('{:,}', 'format'), environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'participants'), _block_vars=_block_vars))
        yield ' people'
    else:
        pass
        yield 'Not known'
    yield '</dd>\n'
    if environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'year'):
        pass
        yield '<dt>Year</dt><dd>'
        yield escape(environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'year'))
        yield '</dd>'
    yield '    '
    yield escape(environment.call(context, (undefined(name='registrations') if l_0_registrations is missing else l_0_registrations), (undefined(name='study') if l_0_study is missing else l_0_study), _block_vars=_block_vars))
    yield '\n  </dl>\n  '
    yield escape(environment.call(context, (undefined(name='study_links') if l_0_study_links is missing else l_0_study_links), (undefined(name='study') if l_0_study is missing else l_0_study), _block_vars=_block_vars))
    yield '\n'
    if environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'finding'):
        pass
        yield '<p class="study-finding"><strong>What it found:</strong> '
        yield escape(environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'finding'))
        yield '</p>'
    if environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'note'):
        pass
        yield '<section class="study-note" aria-labelledby="study-note-heading"><h2 id="study-note-heading" data-pagefind-ignore>Note</h2><p'
        if (environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'verification') == 'unresolved'):
            pass
            yield ' data-pagefind-weight="0.1"'
        yield '>'
        yield escape(environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'note'))
        yield '</p></section>'
    yield '  <section aria-labelledby="study-claims-heading" data-pagefind-ignore>\n    <h2 id="study-claims-heading">Claims citing this study</h2>\n'
    if environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'cited_by'):
        pass
        yield escape(environment.call(context, (undefined(name='claim_list') if l_0_claim_list is missing else l_0_claim_list), environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'cited_by'), (undefined(name='root') if l_0_root is missing else l_0_root), environment.getattr((undefined(name='study') if l_0_study is missing else l_0_study), 'cited_more'), _block_vars=_block_vars))
    else:
        pass
        yield '<p>No claim on this site cites it.</p>'
    yield '  </section>\n</article>\n'

blocks = {'title': block_title, 'description': block_description, 'main': block_main}
debug_info = '1=13&2=16&3=31&4=42&5=56&6=67&8=84&12=86&15=90&16=102&17=108&18=114&19=116&21=118&22=122&23=124&24=132&25=138&27=140&28=142&29=147&32=157'

# Generated by `python -m k2site.render.compiled_theme` from theme/templates/study.html.
