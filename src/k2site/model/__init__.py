"""The model: frozen values passed from stage to stage (pages, claims, studies, the
site config), the evidence groups of SPEC §3, and the resolved `Site` that links them."""
