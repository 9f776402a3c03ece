def query_without(request, *names) -> str:
    """The page's query string without these parameters (for pagination and filter links)."""
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()
