/*
 * The page editor during a workflow decision (issue 15, wagtail/wagtail#14460):
 * - once a decision or a save is on its way, the editor's action buttons are locked and any
 *   second submission (a double click, a second "success" of the comment modal) is dropped;
 * - from the moment a workflow action is chosen, Wagtail's autosave stops: the hidden
 *   workflow inputs Wagtail adds to the form would otherwise be sent again by autosave a
 *   moment later, as a second decision. Wagtail 8's autosave controller dispatches a
 *   cancelable "w-autosave:save" event before each save; we cancel it, and set the
 *   controller's "active" value to false.
 * The server refuses a stale form anyway and takes decisions one at a time per page
 * (organisation/workflow_guard.py); this keeps people from meeting that refusal.
 */
(function () {
  'use strict';

  function init() {
    const form = document.querySelector('form[data-edit-form]');
    if (!form) return;

    let deciding = false;

    function quietAutosave() {
      deciding = true;
      form.setAttribute('data-w-autosave-active-value', 'false');
    }

    form.addEventListener('w-autosave:save', (event) => {
      if (deciding) event.preventDefault();
    });

    function actionButtons() {
      return document.querySelectorAll(
        'footer button, footer [data-workflow-action-name], button[form="page-edit-form"]',
      );
    }

    function lock() {
      form.dataset.reviewBusy = 'true';
      form.setAttribute('aria-busy', 'true');
      // After this event: the browser has already taken the pressed button's name and value.
      window.setTimeout(() => {
        actionButtons().forEach((button) => {
          button.setAttribute('aria-disabled', 'true');
          button.disabled = true;
        });
      }, 0);
    }

    function onSubmit(event) {
      if (form.dataset.reviewBusy === 'true') {
        event.preventDefault();
        event.stopImmediatePropagation();
        return false;
      }
      quietAutosave();
      lock();
      return true;
    }

    form.addEventListener('submit', onSubmit, { capture: true });
    // After its decision dialog, Wagtail submits the form with jQuery's submit(), which calls
    // the form's own submit() method and fires no DOM "submit" event (and the dialog may answer
    // twice, once per click of a double click). The form's submit() is the one path all of
    // these take: the first call sends the form, any later one is dropped.
    const nativeSubmit = HTMLFormElement.prototype.submit;
    form.submit = function submitOnce() {
      if (form.dataset.reviewBusy === 'true') return;
      quietAutosave();
      lock();
      nativeSubmit.call(form);
    };
    document.querySelectorAll('[data-workflow-action-name]').forEach((button) => {
      button.addEventListener('click', quietAutosave, { capture: true });
    });
  }

  // Wagtail places the editor's scripts before the form: wait until the page is read.
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
