// The many-to-many organisation field: Wagtail's organisation chooser opened in multiple mode,
// the chosen units listed by name. A Stimulus controller, so that it also works in inline forms
// added after the page loaded (activities).
(() => {
  const { Controller } = window.StimulusModule;

  class OrganisationsChooserController extends Controller {
    static targets = ['list', 'item', 'empty', 'template'];
    static values = { chooser: Object };

    choose() {
      if (!this.factory) {
        this.factory = window.telepath.unpack(this.chooserValue);
      }
      this.factory.openModal(
        (chosen) => {
          [].concat(chosen).forEach((item) => this.add(item));
        },
        { multiple: true },
      );
    }

    add({ id, string }) {
      const value = String(id);
      if (this.itemTargets.some((item) => item.querySelector('input').value === value)) return;
      const item = this.templateTarget.content.firstElementChild.cloneNode(true);
      item.dataset.id = value;
      item.querySelector('input').value = value;
      item.querySelector('.organisations-chooser__name').textContent = string;
      item.querySelector('.w-sr-only').textContent = ` ${string}`;
      this.listTarget.append(item);
      this.update();
    }

    remove(event) {
      const item = event.target.closest('li');
      const next = item.nextElementSibling || item.previousElementSibling;
      item.remove();
      this.update();
      // Keep the keyboard where it was: on the next remove button, or on the choose button.
      (next ? next.querySelector('button') : this.element.querySelector(':scope > button')).focus();
    }

    update() {
      this.emptyTarget.hidden = this.itemTargets.length > 0;
      this.element.dispatchEvent(new Event('change', { bubbles: true }));
    }
  }

  window.wagtail.app.register('organisations-chooser', OrganisationsChooserController);
})();
