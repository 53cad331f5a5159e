from jinja2.runtime import LoopContext, Macro, Markup, Namespace, TemplateNotFound, TemplateReference, TemplateRuntimeError, Undefined, escape, identity, internalcode, markup_join, missing, str_join
name = 'base.html'

def root(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    l_0_self = TemplateReference(context)
    l_0_site = resolve('site')
    l_0_path = resolve('path')
    l_0_root = resolve('root')
    l_0_jsonld = resolve('jsonld')
    try:
        t_1 = environment.filters['replace']
    except KeyError:
        @internalcode
        def t_1(*unused):
            raise TemplateRuntimeError("No filter named 'replace' found.")
    try:
        t_2 = environment.filters['tojson']
    except KeyError:
        @internalcode
        def t_2(*unused):
            raise TemplateRuntimeError("No filter named 'tojson' found.")
    pass
    yield '<!DOCTYPE html>\n<html lang="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'language'))
    yield '">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<meta http-equiv="Content-Security-Policy" content="default-src \'self\'; script-src \'self\' \'wasm-unsafe-eval\'; style-src \'self\'; img-src \'self\' data:; font-src \'self\'; connect-src \'self\'; object-src \'none\'; base-uri \'self\'; form-action \'self\'">\n<meta name="color-scheme" content="light dark">\n<title>'
    yield from context.blocks['title'][0](context)
    yield '</title>\n<meta name="description" content="'
    yield from context.blocks['description'][0](context)
    yield '">\n<link rel="canonical" href="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'base_url'))
    yield escape(t_1(context.eval_ctx, (undefined(name='path') if l_0_path is missing else l_0_path), 'index.html', ''))
    yield '">\n<meta property="og:site_name" content="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield '">\n<meta property="og:title" content="'
    yield escape(environment.call(context, environment.getattr(l_0_self, 'title')))
    yield '">\n<meta property="og:description" content="'
    yield escape(environment.call(context, environment.getattr(l_0_self, 'description')))
    yield '">\n<meta property="og:url" content="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'base_url'))
    yield escape(t_1(context.eval_ctx, (undefined(name='path') if l_0_path is missing else l_0_path), 'index.html', ''))
    yield '">\n<meta property="og:type" content="'
    yield from context.blocks['og_type'][0](context)
    yield '">\n<meta property="og:locale" content="'
    yield escape(t_1(context.eval_ctx, environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'language'), '-', '_'))
    yield '">\n'
    yield from context.blocks['og_extra'][0](context)
    yield '<link rel="icon" href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'assets/favicon.svg" type="image/svg+xml">\n<link rel="stylesheet" href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'assets/k2site.css">\n<link rel="alternate" type="application/atom+xml" title="'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield '" href="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'feed.xml">\n<script src="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'assets/theme.js"></script>\n<script src="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield 'assets/k2site.js" defer></script>\n'
    if (undefined(name='jsonld') if l_0_jsonld is missing else l_0_jsonld):
        pass
        yield '<script type="application/ld+json">'
        yield escape(t_2(context.eval_ctx, (undefined(name='jsonld') if l_0_jsonld is missing else l_0_jsonld)))
        yield '</script>\n'
    yield from context.blocks['head'][0](context)
    yield '</head>\n<body class="'
    yield from context.blocks['body_class'][0](context)
    yield '" data-root="'
    yield escape((undefined(name='root') if l_0_root is missing else l_0_root))
    yield '">\n<a class="skip-link" href="'
    yield from context.blocks['skip_target'][0](context)
    yield '">Skip to content</a>\n<div class="print-only print-header">\n  <p><strong>'
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))
    yield '</strong> · '
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'base_url'))
    yield escape(t_1(context.eval_ctx, (undefined(name='path') if l_0_path is missing else l_0_path), 'index.html', ''))
    yield '</p>\n  <p class="print-date">'
    yield from context.blocks['print_date'][0](context)
    yield '</p>\n</div>\n'
    template = environment.get_template('partials/header.html', 'base.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'self': l_0_self}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '<div class="layout">\n<main id="main" tabindex="-1">\n'
    yield from context.blocks['main'][0](context)
    yield '</main>\n</div>\n'
    template = environment.get_template('partials/footer.html', 'base.html')
    gen = template.root_render_func(template.new_context(context.get_all(), True, {'self': l_0_self}))
    try:
        for event in gen:
            yield event
    finally: gen.close()
    yield '</body>\n</html>\n'

def block_title(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    pass
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'title'))

def block_description(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    l_0_site = resolve('site')
    pass
    yield escape(environment.getattr((undefined(name='site') if l_0_site is missing else l_0_site), 'description'))

def block_og_type(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'website'

def block_og_extra(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_head(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_body_class(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield 'page'

def block_skip_target(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass
    yield '#main'

def block_print_date(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

def block_main(context, missing=missing):
    resolve = context.resolve_or_missing
    undefined = environment.undefined
    concat = environment.concat
    cond_expr_undefined = Undefined
    if 0: yield None
    _block_vars = {}
    pass

blocks = {'title': block_title, 'description': block_description, 'og_type': block_og_type, 'og_extra': block_og_extra, 'head': block_head, 'body_class': block_body_class, 'skip_target': block_skip_target, 'print_date': block_print_date, 'main': block_main}
debug_info = '2=29&10=31&11=33&12=35&13=38&14=40&15=42&16=44&17=47&18=49&19=51&20=53&21=55&22=57&25=61&26=63&27=65&28=68&30=70&32=72&33=76&36=78&37=83&39=85&42=92&45=94&10=102&11=113&17=124&19=134&30=143&32=152&33=162&37=172&42=181'

# Generated by `python -m k2site.render.compiled_theme` from theme/templates/base.html.
