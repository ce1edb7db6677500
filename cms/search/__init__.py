"""Search that reads Vietnamese the way readers type it: folding, the backends, the site view.

Other apps use :func:`cms.search.folding.fold` to compare text the same way (see docs/search.md).
"""
