export interface PageSettingsView {
  name: string;
  url: string;
  timeZone: string;
  description: string;
  /** Set for the demo story: the page shows the world as of this instant. */
  asOf: Date | null;
  /** What "now" means on the public pages. */
  now: Date;
  version: number;
  updatedAt: Date;
}
