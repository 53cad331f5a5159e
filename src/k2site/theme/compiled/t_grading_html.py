from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'grading.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    parent_template = None
    l_0_badge = missing
    pass
    parent_template = environment.get_template('base.html', 'grading.html')
    for name, parent_block in parent_template.blocks.items():
        context.blocks.setdefault(name, []).append(parent_block)
    included_template = environment.get_template('partials/badge.html', 'grading.html')._get_default_module(context)
    l_0_badge = getattr(included_template, 'badge', missing)
    if l_0_badge is missing:
        l_0_badge = undefined(f"the template {included_template.__name__!r} (imported on line 2 in 'grading.html') does not export the requested name 'badge'", name='badge')
    context.vars['badge'] = l_0_badge
    context.exported_vars.discard('badge')
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
    yield 'How we grade evidence · '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))

def block_main(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_groups = resolve('groups')
    try:
        t_1 = environment.filters['capitalize']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'capitalize' found.")
    pass
    yield '<h1>How we grade evidence</h1>\n<p>Each claim on this site shows a badge that says in a few words what backs it, from the <strong>type of evidence</strong> behind it: the design of the strongest study it cites. The badge gives its verdict in words and a shape as well as a colour, so it reads the same in print, in greyscale and to a screen reader. Each page, topic and the site as a whole open with a verdict too: what their middle claim rests on, "Mostly" only when more than half of their statements do.</p>\n<h2>The evidence groups, strongest first</h2>\n<dl class="grading">\n'
    for l_1_g in (undefined(name='groups') if l_0_groups is missing else l_0_groups):
        l_1_badge = resolve('badge')
        _loop_vars = {}
        pass
        yield '  <dt id="'
        yield escape(environment.getattr(l_1_g, 'id'))
        yield '">'
        yield escape(environment.call(context, (undefined(name='badge') if l_1_badge is missing else l_1_badge), l_1_g, verdict=True, _loop_vars=_loop_vars))
        yield ' <span class="grading-label">'
        yield escape(t_1(environment.getattr(l_1_g, 'label')))
        yield '</span></dt>\n  <dd>'
        yield escape(environment.getattr(l_1_g, 'meaning'))
        yield '</dd>\n'
    l_1_g = l_1_badge = missing
    yield '</dl>\n<h2 id="limits">What a badge does not tell you</h2>\n<p>A badge is <strong>not a certainty rating</strong> in the sense of GRADE, the system guideline panels use. GRADE starts from the study design, as we do, and then moves the certainty up or down for things a badge cannot see:</p>\n<ul>\n  <li><strong>Risk of bias:</strong> a small or badly run trial can tell us less than a large, careful cohort study.</li>\n  <li><strong>Consistency:</strong> one trial is not a settled answer when others disagree with it.</li>\n  <li><strong>Directness:</strong> a study in people with kidney disease may not apply to healthy adults, and one in animals or cells may not apply to people at all.</li>\n  <li><strong>Precision and size of the effect:</strong> a result can be real and still too small to matter.</li>\n  <li><strong>Whether the study supports the sentence:</strong> the badge names the study\'s design, not whether the article reports it faithfully. Open the study to judge.</li>\n</ul>\n<p>Use the badge as a first question, then open the studies: hover over, tap or tab to a citation number to see the study, or follow it to the study\'s page.</p>\n<h2 id="rules">How a claim gets its badge</h2>\n<p>A claim\'s badge comes from the designs of the studies it cites, recorded once per study in the reference list; it is never typed in by hand. Where a claim cites several studies, it takes the group of the strongest one cited as evidence for it; studies cited against it are shown beside the badge ("Contradicted by", or "Disputed" when one is stronger than any study for it), studies cited for background never count, and a retracted study never counts at all. Where we are in doubt, we show less certainty, never more: a source we could not identify counts as no evidence we can check.</p>\n<p>On each section, the control under the evidence summary highlights only the claims at or above the group you choose, for example only randomised trials and systematic reviews of them, and dims the rest.</p>\n<h2 id="wording">When the wording goes beyond the evidence</h2>\n<p>Where a claim\'s words state cause or certainty ("prevents", "ensures", "no risk") but its strongest source is observational, animal or lab work or a review, the claim carries a note saying so, quoting the words that go too far and the fairer wording the evidence supports. We annotate the article; we do not rewrite it.</p>\n<h2 id="confirmed">Whether a source is confirmed</h2>\n<p>Some citations in the original article could only be matched to a study from the sentence they support. Those are marked "identified from the article\'s context, not confirmed"; sources that could not be identified at all say so plainly.</p>\n'

blocks = {'title': block_title, 'main': block_main}
debug_info = '1=13&2=16&3=24&4=36&9=52&10=57&11=63'

# Generated by `python -m k2site.render.compiled_theme` from theme/templates/grading.html.
