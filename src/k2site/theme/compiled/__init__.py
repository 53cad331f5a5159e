"""The theme's templates compiled by Jinja 3.1.6 (see
`k2site.render.compiled_theme`). Generated: do not edit."""

JINJA = "3.1.6"

SOURCES = {
    "404.html": "b87b849d62b60b0f3958f49e2086f32a66ff25521fa100dcf0538f0e0066c38a",
    "article.html": "71068683b4ae133e11775099793f5c91d736bbdf9f0b793a151d104a18da2da5",
    "base.html": "8305960cbae9cd0ef33310292da2f6940b20ce28f2db5fc90c0e6b3ef3157fba",
    "evidence-map.html": "9e94cd2370c48037b8cd59e8c7e70b7a239d9dfe32120f135d106d1a31112658",
    "evidence.html": "8dda2648e06205ca29c3d407fbbc29e043d9da07239ee076a12da65264a1038a",
    "feed.xml": "588393c73a9122b1ebcfaff76e872584b88f5860f39300aa86dffdc5915a024f",
    "grading.html": "e13ba3f86fd76482b4b82b9c9dba8ab6994762d03c5787bc30bf315d681fbc2b",
    "home.html": "ca238a290b2005ee69f7bc45049c8be4a7bacccdbdd3f8ad8aa7400b1cba85b7",
    "integrity.html": "ea2672d26de3176f5563bac899308ad2e3038d3ee39d2074d685ff279882a685",
    "macros.html": "817d1096f1d67cdb345d94cb4d39584dd4cc7a3a21711f6c82bca468b96a5039",
    "partials/article-sections.html": "b94fe49973d0a494671f5e18f3bc2b3e1cc56a658226eeaa79443e2d860a79e7",
    "partials/badge.html": "c0a5c74c83592a09bf917c9b4472199ecbc4f365d45e0c06912e1ba32183a4c5",
    "partials/byline.html": "ec2c01c5ada0fde4599b3a87a01f25fe6aae1f5237935dc9d160c008fa35826c",
    "partials/citation-meta.html": "88b915f220905e94284fb25badc7661d83893872d135e9b6f71edb73ff351dbc",
    "partials/citation-previews.html": "1e4c1e46a914a976852d583584c9ad1c80d9d483be515f9059d4f76f70ed3946",
    "partials/cite-formats.html": "54f2a6cd3ea6870706b1ffc8ed77b8c3ca26e1986a6393828a62973272829847",
    "partials/footer.html": "12d5b1f5fbb62bccbf5074b1988d0900f4fadb909f97204183d37a9ebb7a4657",
    "partials/header.html": "ca7b3b081a730de81d07c956cd6c0cfe80fdf3718c23e3affb2873e8dbfe34ce",
    "partials/print.html": "747f2a4466fbf98e535da9c7db9d6f030b56a09fecf0fc2cbf62921a0a3b35c7",
    "partials/publication-macros.html": "ff859c7669af3dfeb90a745766fa025875fe4cda01d9f962a4ea9a7c19e1f9c0",
    "partials/safety.html": "bf472c8e2fffb6ff64cfd5400b6adbac863e2961137122bb4dc981b3e78f1bd2",
    "partials/updates.html": "00e80be3724e8d1f27aee2a4810df9d1a0084f8e95545a30991e50c0af633e9c",
    "person.html": "94eea9209a6e2df1949314c9f6569a5b4580b4030ab853afad02722f247c5969",
    "publication.html": "33fa6848068fcf17ca4afa094f08db95c3f0fd021cc43b72aa20d1fa0fb1f43e",
    "references.html": "1431dcee54b2b4d8efb80c51754694cf95e87ec4cdabf1fd8e67dd8661c94232",
    "search.html": "0964560f86010122cd00e55f6cafc6b37a53c839cd24bc81677df1d63f766427",
    "sitemap.xml": "912def125f5f611ca454892e1d51ccdc1faa9e7b7f7e4dfc444e39bd2b1a8600",
    "study.html": "fc98bfd784448f6001a48f99e2d8967d09b933c19a9ff71815ee40c063e5dcb5",
    "topic.html": "3d63c4232e611ccdbe3618ef62df0c3309138a9c74a16859b155b99b9845e0aa",
}
