// The demo's source, highlighted (keywords, strings, comments, numbers) where it is shown: on the
// source page, and in a panel once the reader opens "the code that runs" and htmx swaps it in.
(() => {
  'use strict';

  // ---------------------------------------------------------------- source highlighting
  const KEYWORDS = new Set(('abstract assert boolean break byte case catch char class const continue default do double '
    + 'else enum extends final finally float for goto if implements import instanceof int interface long native new '
    + 'package private protected public record return short static strictfp super switch synchronized this throw '
    + 'throws transient try var void volatile while yield sealed permits true false null').split(' '));
  const TOKEN = /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|("""[\s\S]*?"""|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*')|\b([A-Za-z_]\w*)\b|(\b\d[\d_]*(?:\.\d+)?[lLfFdD]?\b)/g;

  function highlight(code) {
    if (code.dataset.highlighted) {
      return;
    }
    code.dataset.highlighted = 'true';
    const text = code.textContent;
    const out = document.createDocumentFragment();
    let last = 0;
    const add = (cls, s) => {
      const span = document.createElement('span');
      span.className = cls;
      span.textContent = s;
      out.append(span);
    };
    for (const match of text.matchAll(TOKEN)) {
      if (match[3] && !KEYWORDS.has(match[3])) {
        continue;
      }
      out.append(text.slice(last, match.index));
      if (match[1]) {
        add('tok-comment', match[0]);
      } else if (match[2]) {
        add('tok-string', match[0]);
      } else if (match[3]) {
        add('tok-keyword', match[0]);
      } else {
        add('tok-number', match[0]);
      }
      last = match.index + match[0].length;
    }
    out.append(text.slice(last));
    code.replaceChildren(out);
  }

  function init(root) {
    const scope = root instanceof Element ? root : document;
    scope.querySelectorAll('pre.demo-code > code.language-java').forEach(highlight);
  }

  window.DemoViews.onLoad(init);
})();
