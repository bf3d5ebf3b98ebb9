/** Slides: a facilitator shows one of the uploaded images; an upload (over HTTP) reloads the list. */
import type { HallContext } from "./hall-context.ts";
import { refused } from "./refusal.ts";

export class SlideCommands {
  readonly #hall: HallContext;
  #urls: string[] = [];

  constructor(hall: HallContext) {
    this.#hall = hall;
  }

  get #id(): string {
    return this.#hall.state.consultation.id;
  }

  async restore(): Promise<void> {
    await this.#load();
    this.#sync((await this.#hall.store.loadDocument<{ current: number }>(this.#id, "slides"))?.current ?? -1);
  }

  /** An upload over HTTP added a slide: the list is read again, in the room's order. */
  changed(): Promise<void> {
    return this.#hall.pipeline.run("slides_changed", async () => {
      await this.#load();
      this.#sync(this.#hall.state.slides.current);
    });
  }

  get requests() {
    return {
      slide_show: this.#hall.pipeline.request("slide_show", "present_slides", async (_actor, message) => {
        if (message.index >= this.#urls.length) refused("unknown_slide");
        await this.#hall.store.saveDocument(this.#id, "slides", { current: message.index });
        this.#sync(message.index);
        return undefined;
      }),
    };
  }

  async #load(): Promise<void> {
    const id = encodeURIComponent(this.#id);
    this.#urls = (await this.#hall.store.listSlides(this.#id)).map(
      (slide) => `/c/${id}/slides/${encodeURIComponent(slide.id)}`,
    );
  }

  #sync(current: number): void {
    const target = this.#hall.state.slides;
    if (this.#urls.join(" ") !== [...target.urls].join(" ")) {
      target.urls.clear();
      target.urls.push(...this.#urls);
    }
    target.current = current < this.#urls.length ? current : -1;
  }
}
