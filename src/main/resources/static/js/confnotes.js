// Site-wide behaviour: "/" focuses the search box (unless typing somewhere already).
document.addEventListener('keydown', (event) => {
  if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) {
    return;
  }
  const target = event.target;
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target.isContentEditable) {
    return;
  }
  const search = document.getElementById('site-search-input');
  if (search) {
    event.preventDefault();
    search.focus();
    search.select();
  }
});
