// One subscriber as the admin list shows it.

export interface SubscriberRow {
  id: string;
  email: string;
  confirmedAt: Date | null;
  /** The subscribe form's mail to this address is not sent yet. */
  mailWaiting: boolean;
  createdAt: Date;
  services: string[] | null;
}
