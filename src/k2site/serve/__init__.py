"""`k2site serve`: the pipeline plus a watch loop, an HTTP server on localhost serving
the last good build from memory, live reload, and the incremental re-render of an edit."""
