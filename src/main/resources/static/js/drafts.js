// The drafts queue by keyboard: j/k choose a draft, a approves it as written, e puts the cursor in its reply
// (Ctrl+Enter sends the edit), r goes to its reason for rejecting (Ctrl+Enter there rejects). Keys typed into a
// field stay in the field; Escape leaves it.
(function () {
  'use strict';

  function drafts() {
    return Array.prototype.slice.call(document.querySelectorAll('article.draft'));
  }

  var current = 0;

  function select(index) {
    var all = drafts();
    if (all.length === 0) { return null; }
    current = Math.max(0, Math.min(index, all.length - 1));
    all.forEach(function (d, i) { d.classList.toggle('is-selected', i === current); d.setAttribute('aria-current', i === current ? 'true' : 'false'); });
    all[current].focus({preventScroll: true});
    all[current].scrollIntoView({block: 'nearest'});
    return all[current];
  }

  function selected() {
    var all = drafts();
    return all.length ? all[Math.min(current, all.length - 1)] : null;
  }

  function typing(target) {
    return target && (target.tagName === 'TEXTAREA' || target.tagName === 'INPUT' || target.tagName === 'SELECT' || target.isContentEditable);
  }

  function press(draft, which) {
    var button = draft && draft.querySelector('button[data-decide=' + which + ']');
    if (button) { button.click(); }
  }

  document.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && e.target.closest) {
      // Ctrl+Enter sends what the person is working on: the edited reply, or the rejection
      if (e.target.matches('textarea[data-draft-text]')) {
        e.preventDefault();
        press(e.target.closest('article.draft'), 'edit');
      } else if (e.target.closest('.draft-reject')) {
        e.preventDefault();
        press(e.target.closest('article.draft'), 'reject');
      }
      return;
    }
    if (e.key === 'Escape' && typing(e.target)) {
      e.target.blur();
      var owner = e.target.closest('article.draft');
      if (owner) { owner.focus({preventScroll: true}); }
      return;
    }
    if (typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) { return; }
    var draft;
    switch (e.key) {
      case 'j': select(current + 1); break;
      case 'k': select(current - 1); break;
      case 'a': press(selected(), 'approve'); break;
      case 'e':
        draft = selected();
        var text = draft && draft.querySelector('textarea[data-draft-text]');
        if (text) { text.focus(); text.setSelectionRange(text.value.length, text.value.length); }
        break;
      case 'r':
        draft = selected();
        var reason = draft && draft.querySelector('select[data-draft-reason]');
        if (reason) { reason.focus(); }
        break;
      default: return;
    }
    e.preventDefault();
  });

  document.addEventListener('DOMContentLoaded', function () {
    drafts().forEach(function (d, i) { d.addEventListener('focusin', function () { if (current !== i) { select(i); } }); });
    if (document.querySelector('[data-draft-queue]') || drafts().length === 1) { select(0); }
  });
})();
