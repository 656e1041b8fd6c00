"""The portal's campaigns, each a Django app of its own: `cooperation_day` and `slam`.

What both use lives here once: the landing page base (`pages`, `page_views`), storing uploaded
images (`images`), form fields (`forms`) and the draft-then-submit helper (`drafts`). Neither
campaign imports the other.
"""
