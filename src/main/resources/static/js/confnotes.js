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

// Times the server writes as ISO instants (time[data-local]) in the reader's own time zone and language;
// without script they stay in UTC, as written.
(() => {
  const format = new Intl.DateTimeFormat(document.documentElement.lang || undefined,
    { dateStyle: 'medium', timeStyle: 'medium' });
  document.querySelectorAll('time[data-local][datetime]').forEach((time) => {
    const at = new Date(time.getAttribute('datetime'));
    if (!Number.isNaN(at.getTime())) {
      time.textContent = format.format(at);
      time.title = time.getAttribute('datetime');
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

// Talk pages: the table of contents marks the section being read (aria-current="location" on its link):
// the last listed heading whose top has passed the upper part of the window.
(() => {
  const links = Array.from(document.querySelectorAll('.toc a[href^="#"]'));
  if (links.length === 0) {
    return;
  }
  const sections = links
    .map((link) => ({ link, heading: document.getElementById(decodeURIComponent(link.hash.slice(1))) }))
    .filter((entry) => entry.heading);
  let current = null;
  const mark = () => {
    const line = Math.min(140, window.innerHeight / 3);
    let reading = sections[0];
    for (const entry of sections) {
      if (entry.heading.getBoundingClientRect().top <= line) {
        reading = entry;
      }
    }
    if (reading && reading !== current) {
      if (current) {
        current.link.removeAttribute('aria-current');
      }
      reading.link.setAttribute('aria-current', 'location');
      current = reading;
    }
  };
  let queued = false;
  const schedule = () => {
    if (!queued) {
      queued = true;
      window.requestAnimationFrame(() => {
        queued = false;
        mark();
      });
    }
  };
  window.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule);
  window.addEventListener('hashchange', schedule);
  mark();
})();

// When htmx changes the address (typing on the search page), the language link follows it, so it
// still opens this page, with its query, in the other language.
document.addEventListener('htmx:pushedIntoHistory', () => {
  const link = document.querySelector('.lang-switch a[hreflang]');
  if (link) {
    const url = new URL(window.location.href);
    url.searchParams.set('lang', link.getAttribute('hreflang'));
    link.href = url.pathname + url.search;
  }
});
