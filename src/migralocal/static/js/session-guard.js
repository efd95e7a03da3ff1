/* Warn before the session ends, and extend it on request (core/session_guard.py).
 *
 * The server tells how many seconds are left; the count runs here from the moment the page
 * arrived, so the two clocks never need to agree. A request made by the page (htmx) counts as
 * activity only for what the server is sure to have noted (data-idle-seconds). */
(function () {
  "use strict";

  var guard = document.getElementById("session-guard");
  if (!guard || !window.fetch) {
    return;
  }
  var form = guard.querySelector("form");
  var failed = guard.querySelector(".session-guard-failed");
  var idleSeconds = Number(guard.dataset.idleSeconds);
  var warnMs = Number(guard.dataset.warnSeconds) * 1000;
  var idleDeadline = Date.now() + Number(guard.dataset.idleLeft) * 1000;
  var maxDeadline = Date.now() + Number(guard.dataset.maxLeft) * 1000;
  var shownState = null;
  var timer = null;

  function stateNow() {
    var left = Math.min(idleDeadline, maxDeadline) - Date.now();
    if (left <= 0) {
      return "ended";
    }
    if (left > warnMs) {
      return null;
    }
    return maxDeadline <= idleDeadline ? "max" : "idle";
  }

  function countdown(ms) {
    var seconds = Math.max(0, Math.ceil(ms / 1000));
    var minutes = Math.floor(seconds / 60);
    var rest = seconds % 60;
    return minutes + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function show(state) {
    guard.querySelectorAll("[data-state]").forEach(function (part) {
      part.hidden = part.getAttribute("data-state") !== state;
    });
    guard.hidden = state === null;
    // Room below the page, so that the bar never hides the form's buttons.
    document.body.style.paddingBottom = state === null ? "" : guard.offsetHeight + "px";
    if (state !== shownState && state === "idle") {
      form.querySelector("button").focus();
    }
    shownState = state;
  }

  function tick() {
    var state = stateNow();
    var left = Math.min(idleDeadline, maxDeadline) - Date.now();
    guard.querySelectorAll(".session-guard-countdown").forEach(function (place) {
      place.textContent = countdown(left);
    });
    if (state !== shownState) {
      show(state);
    }
    if (state === "ended") {
      window.clearInterval(timer);
    }
  }

  function extended(times) {
    var now = Date.now();
    idleDeadline = now + times.idle_left * 1000;
    maxDeadline = now + times.max_left * 1000;
    failed.hidden = true;
    tick();
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window
      .fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
        // Once the session has ended, the answer is the redirect to sign in.
        redirect: "manual",
      })
      .then(function (response) {
        if (response.type === "opaqueredirect") {
          idleDeadline = Date.now();
          tick();
          return null;
        }
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json().then(extended);
      })
      .catch(function () {
        failed.hidden = false;
      });
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful && shownState !== "ended") {
      idleDeadline = Math.max(idleDeadline, Date.now() + idleSeconds * 1000);
    }
  });

  timer = window.setInterval(tick, 1000);
  tick();
})();
