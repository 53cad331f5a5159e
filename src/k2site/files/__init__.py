"""The only code that reads or writes the site folder, the output folder and the cache.

`folders` states what each folder holds; `load` reads the inputs as texts, `output`
writes a build, `cache` keeps results between builds, `search_index` runs Pagefind.
"""
