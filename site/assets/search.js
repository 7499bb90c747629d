// The site's one piece of client JavaScript: Pagefind search on /cari/. The page works without it.
(function () {
  var el = document.getElementById('pencarian');
  if (!el || typeof PagefindUI === 'undefined') return;
  var lang = document.documentElement.lang || 'id';
  var ui = new PagefindUI({
    element: '#pencarian',
    bundlePath: el.getAttribute('data-bundle'),
    baseUrl: (el.getAttribute('data-base') || '') + '/',
    showImages: false,
    resetStyles: false,
    translations: lang === 'id'
      ? { placeholder: 'Cari ronde, perangkat, temuan…', clear_search: 'Hapus', load_more: 'Tampilkan lebih banyak', search_label: 'Cari di arsip', zero_results: 'Tidak ada hasil untuk [SEARCH_TERM]', many_results: '[COUNT] hasil untuk [SEARCH_TERM]', one_result: '[COUNT] hasil untuk [SEARCH_TERM]', searching: 'Mencari [SEARCH_TERM]…' }
      : {}
  });
  var q = new URLSearchParams(window.location.search).get('q');
  if (q) ui.triggerSearch(q);
})();
