/* The referral search of the consultation form.
 *
 * Enter in the search adds the highlighted suggestion (the first one unless the arrow keys moved
 * the highlight) and never submits the form: a consultation saved without the referral its
 * recorder meant to add is worse than one more key press. A service is on the form once: a
 * second "Add" (or a double click while the first is on its way) re-ticks the chosen one
 * instead of adding it again. */
(function () {
  "use strict";

  var search = document.getElementById("referral-search");
  var results = document.getElementById("referral-results");
  var chosen = document.getElementById("chosen-referrals");
  if (!search || !results || !chosen) {
    return;
  }
  var HIGHLIGHT = "is-highlighted";
  // Enter pressed before the suggestions for the text typed arrived: add on arrival.
  var addWhenShown = false;

  function suggestions() {
    return Array.prototype.slice.call(results.querySelectorAll(".result-list li"));
  }

  function highlighted() {
    var items = suggestions();
    return results.querySelector("li." + HIGHLIGHT) || items[0] || null;
  }

  function highlight(item) {
    suggestions().forEach(function (other) {
      other.classList.toggle(HIGHLIGHT, other === item);
    });
    if (item) {
      item.scrollIntoView({ block: "nearest" });
    }
  }

  function chosenInput(serviceId) {
    return chosen.querySelector('input[name="referrals"][value="' + serviceId + '"]');
  }

  function markAdded(button) {
    button.disabled = true;
    button.removeAttribute("hx-get");
    if (button.dataset.addedLabel) {
      button.textContent = button.dataset.addedLabel;
    }
  }

  function addHighlighted() {
    var item = highlighted();
    var button = item && item.querySelector("button");
    if (button && !button.disabled) {
      button.click();
    }
  }

  function shownQuery() {
    var shown = results.querySelector("[data-query]");
    return shown ? shown.getAttribute("data-query") : null;
  }

  search.addEventListener("keydown", function (event) {
    if (event.key === "Enter") {
      event.preventDefault();
      if (shownQuery() === search.value.trim()) {
        addHighlighted();
      } else {
        addWhenShown = true;
        window.htmx.trigger(search, "search");
      }
      return;
    }
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      var items = suggestions();
      if (!items.length) {
        return;
      }
      event.preventDefault();
      var index = items.indexOf(highlighted());
      index += event.key === "ArrowDown" ? 1 : -1;
      highlight(items[(index + items.length) % items.length]);
    }
  });

  document.body.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target === results) {
      highlight(suggestions()[0] || null);
    } else if (event.detail.target === chosen) {
      removeRepeats();
    }
  });

  // After settling: htmx wires up the new "Add" buttons only then.
  document.body.addEventListener("htmx:afterSettle", function (event) {
    if (event.detail.target === results && addWhenShown && shownQuery() === search.value.trim()) {
      addWhenShown = false;
      addHighlighted();
    }
  });

  // A service already on the form is not fetched again: its box is ticked instead.
  document.body.addEventListener("htmx:confirm", function (event) {
    var button = event.detail.elt;
    if (!button.classList || !button.classList.contains("add-referral")) {
      return;
    }
    var existing = chosenInput(button.dataset.service);
    if (existing) {
      event.preventDefault();
      existing.checked = true;
      markAdded(button);
    }
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    var button = event.detail.elt;
    if (button.classList && button.classList.contains("add-referral") && event.detail.successful) {
      markAdded(button);
      search.focus();
    }
  });

  // Two answers can still cross on a slow line: keep the first row of each service.
  function removeRepeats() {
    var seen = {};
    Array.prototype.slice.call(chosen.querySelectorAll("li[data-service]")).forEach(function (row) {
      var id = row.getAttribute("data-service");
      if (seen[id]) {
        seen[id].querySelector("input").checked = true;
        row.remove();
      } else {
        seen[id] = row;
      }
    });
  }
})();
