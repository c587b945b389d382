/*
 * Progressive enhancement of the board's open-vote page: every 5 seconds the figures (turnout by
 * members and by weight, mail progress) are fetched from the page's JSON endpoint and replaced in
 * place, inside an aria-live="polite" region, so a screen reader hears what changed. Without
 * JavaScript the page shows the same figures and a "Vernieuwen" link.
 */
(function () {
  'use strict';
  var section = document.querySelector('[data-live-url]');
  if (!section || !window.fetch) return;
  var url = section.getAttribute('data-live-url');
  var note = section.querySelector('[data-live-note]');
  var closed = section.querySelector('[data-live-closed]');
  var INTERVAL_MS = 5000;
  var timer = null;

  function update(data) {
    var figures = data.figures || {};
    Object.keys(figures).forEach(function (key) {
      var nodes = section.querySelectorAll('[data-live="' + key + '"]');
      for (var i = 0; i < nodes.length; i++) {
        // Only a changed figure is written: the live region then announces just that one.
        if (nodes[i].textContent !== figures[key]) nodes[i].textContent = figures[key];
      }
    });
    if (data.status !== 'voting_open' && closed) {
      closed.hidden = false;
      stop();
    }
  }

  function poll() {
    fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) {
        if (!response.ok) throw new Error('HTTP ' + response.status);
        return response.json();
      })
      .then(function (data) {
        update(data);
        if (note) note.textContent = 'Bijgewerkt om ' + new Date().toLocaleTimeString('nl-NL', { timeZone: 'Europe/Amsterdam' }) + '.';
      })
      .catch(function () {
        if (note) note.textContent = 'Bijwerken lukt nu niet; gebruik Vernieuwen.';
      });
  }

  function stop() {
    if (timer !== null) window.clearInterval(timer);
    timer = null;
  }

  timer = window.setInterval(poll, INTERVAL_MS);
  // A tab in the background does not need to ask; when it comes back it asks at once.
  document.addEventListener('visibilitychange', function () {
    if (document.hidden) return stop();
    if (timer === null && (!closed || closed.hidden)) {
      poll();
      timer = window.setInterval(poll, INTERVAL_MS);
    }
  });
})();
