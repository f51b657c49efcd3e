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

// Search as you type: the header box swaps results into #search-results (htmx attributes in the
// layout). On pages other than /search that container is a dropdown under the box; it opens when
// results arrive, closes on Escape or a click elsewhere, and reopens when the box gets focus.
(() => {
  const dropdown = () => document.querySelector('.search-dropdown');
  const setOpen = (open) => {
    const box = dropdown();
    if (box) {
      box.hidden = !open;
    }
  };
  document.addEventListener('htmx:afterSwap', (event) => {
    if (event.target && event.target.id === 'search-results') {
      setOpen(true);
    }
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && dropdown() && !dropdown().hidden) {
      setOpen(false);
    }
  });
  document.addEventListener('click', (event) => {
    const form = document.querySelector('.site-search');
    if (form && !form.contains(event.target)) {
      setOpen(false);
    }
  });
  document.addEventListener('focusin', (event) => {
    if (event.target && event.target.id === 'site-search-input') {
      setOpen(true);
    }
  });
})();

// The dropdown by keyboard, as MkDocs Material's search: ArrowDown from the box moves to the first
// result, ArrowDown / ArrowUp move through them (ArrowUp from the first goes back to the box), Enter
// opens the one reached (it is a link with the focus). Escape goes back to the box.
(() => {
  const input = () => document.getElementById('site-search-input');
  const hits = () => Array.from(document.querySelectorAll('.search-dropdown:not([hidden]) .search-hit-title'));
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Escape') {
      return;
    }
    const box = input();
    const links = hits();
    const at = links.indexOf(event.target);
    if (event.target !== box && at < 0) {
      return;
    }
    if (event.key === 'Escape') {
      if (at >= 0 && box) {
        box.focus();
        // focusing the box reopens the dropdown (above): Escape means closed
        document.querySelector('.search-dropdown').hidden = true;
      }
      return;
    }
    if (links.length === 0) {
      return;
    }
    event.preventDefault();
    if (event.key === 'ArrowDown') {
      links[at < 0 ? 0 : Math.min(at + 1, links.length - 1)].focus();
    } else if (at <= 0) {
      box.focus();
    } else {
      links[at - 1].focus();
    }
  });
})();
