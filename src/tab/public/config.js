// @ts-check
/* Configurable-tab setup page: Teams shows it when the tab is added to a channel. */
(function () {
  'use strict';
  var status = /** @type {HTMLElement} */ (document.getElementById('status'));
  /** @type {any} */
  var teams = /** @type {any} */ (window).microsoftTeams;
  if (!teams) {
    status.textContent = 'Deze pagina werkt alleen in Microsoft Teams.';
    return;
  }
  var origin = window.location.origin;
  var timeout = new Promise(function (_resolve, reject) {
    setTimeout(function () {
      reject(new Error('timeout'));
    }, 5000);
  });
  Promise.race([teams.app.initialize(), timeout])
    .then(function () {
      teams.pages.config.registerOnSaveHandler(function (/** @type {any} */ saveEvent) {
        teams.pages.config
          .setConfig({
            entityId: 'escaleer-dashboard',
            contentUrl: origin + '/tab',
            websiteUrl: origin + '/tab',
            suggestedDisplayName: 'Escaleer',
          })
          .then(function () {
            saveEvent.notifySuccess();
          })
          .catch(function (/** @type {Error} */ e) {
            saveEvent.notifyFailure(e && e.message ? e.message : 'Opslaan mislukt');
          });
      });
      teams.pages.config.setValidityState(true);
      teams.app.notifySuccess();
      status.textContent = 'Klaar om op te slaan.';
    })
    .catch(function () {
      status.textContent = 'Deze pagina werkt alleen in Microsoft Teams.';
    });
})();
