/* The offline record form (consultations/offline_record.html, docs/offline.md).
 *
 * Each consultation is kept in this device's IndexedDB under an id made here
 * (crypto.randomUUID), shown as waiting, and sent when the connection returns, one by one, to
 * the sync address. The server records each id once: a 201 (recorded) or a 409 (recorded
 * before) both mean the device may forget it. No identifying details are on this form. */
(function () {
  "use strict";

  var status = document.getElementById("offline-queue");
  var form = document.getElementById("offline-record-form");
  var sendButton = document.getElementById("offline-send");
  if (!status || !form || !window.indexedDB || !window.crypto || !crypto.randomUUID) {
    return;
  }
  var STORE = "consultations";
  var sending = false;

  function today() {
    var now = new Date();
    now.setMinutes(now.getMinutes() - now.getTimezoneOffset());
    return now.toISOString().slice(0, 10);
  }

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open("migralocal-offline", 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "client_id" });
      };
      request.onsuccess = function () {
        resolve(request.result);
      };
      request.onerror = function () {
        reject(request.error);
      };
    });
  }

  function run(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var result = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () {
          db.close();
          resolve(result && "result" in result ? result.result : undefined);
        };
        transaction.onerror = function () {
          db.close();
          reject(transaction.error);
        };
      });
    });
  }

  function waiting() {
    return run("readonly", function (store) {
      return store.getAll();
    });
  }

  function say(text) {
    status.textContent = text;
  }

  function showCount() {
    return waiting().then(function (records) {
      var count = records.length;
      say(
        count === 0
          ? status.dataset.noneWaiting
          : count === 1
            ? status.dataset.waitingOne
            : status.dataset.waitingMany.replace("{count}", count)
      );
      return count;
    });
  }

  function record() {
    var data = new FormData(form);
    var entry = { client_id: crypto.randomUUID(), topics: data.getAll("topics") };
    data.forEach(function (value, name) {
      if (name !== "topics" && name !== "csrfmiddlewaretoken" && name !== "client_id") {
        entry[name] = value;
      }
    });
    return entry;
  }

  // A fresh token from the server: the one in a kept copy of this page may be out of date.
  function freshToken() {
    return fetch(location.pathname, { credentials: "same-origin", cache: "no-store" }).then(
      function (response) {
        if (!response.ok || response.redirected) {
          throw new Error("sign-in");
        }
        return response.text().then(function (page) {
          var found = /name="csrfmiddlewaretoken" value="([^"]+)"/.exec(page);
          if (!found) {
            throw new Error("sign-in");
          }
          return found[1];
        });
      }
    );
  }

  function sendAll() {
    if (sending || !navigator.onLine) {
      return Promise.resolve();
    }
    sending = true;
    return waiting()
      .then(function (records) {
        if (!records.length) {
          return null;
        }
        return freshToken().then(function (token) {
          return records.reduce(function (previous, entry) {
            return previous.then(function () {
              return fetch(status.dataset.syncUrl, {
                method: "POST",
                credentials: "same-origin",
                headers: { "Content-Type": "application/json", "X-CSRFToken": token },
                body: JSON.stringify(entry),
              }).then(function (response) {
                if (response.status === 201 || response.status === 409) {
                  return run("readwrite", function (store) {
                    store.delete(entry.client_id);
                  });
                }
                if (response.status === 400) {
                  return response.json().then(function (answer) {
                    var errors = Object.keys(answer.errors || {}).map(function (field) {
                      return answer.errors[field]
                        .map(function (error) {
                          return error.message || error;
                        })
                        .join(" ");
                    });
                    var refused = new Error(
                      status.dataset.refused.replace("{errors}", errors.join(" "))
                    );
                    refused.refused = true;
                    throw refused;
                  });
                }
                throw new Error("sign-in");
              });
            });
          }, Promise.resolve()).then(function () {
            return "sent";
          });
        });
      })
      .then(
        function (outcome) {
          sending = false;
          return showCount().then(function (count) {
            if (outcome === "sent" && count === 0) {
              say(status.dataset.sent);
            }
          });
        },
        function (error) {
          sending = false;
          return showCount().then(function () {
            if (error && error.message === "sign-in") {
              say(status.dataset.signIn);
            } else if (error && error.refused) {
              say(error.message);
            }
          });
        }
      );
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!form.querySelector('input[name="topics"]:checked')) {
      form.querySelector('input[name="topics"]').focus();
      return;
    }
    var entry = record();
    run("readwrite", function (store) {
      store.put(entry);
    })
      .then(showCount)
      .then(function () {
        say(status.textContent + " " + status.dataset.saved);
        form.querySelectorAll('input[name="topics"]').forEach(function (box) {
          box.checked = false;
        });
        form.querySelectorAll("textarea").forEach(function (area) {
          area.value = "";
        });
        return sendAll();
      });
  });

  sendButton.addEventListener("click", sendAll);
  window.addEventListener("online", sendAll);
  var date = form.querySelector('input[name="date"]');
  if (date) {
    date.value = today();
  }
  showCount().then(sendAll);
})();
