// A subscription as its confirm and manage pages show it (reached by a signed link).

export interface SubscriptionView {
  id: string;
  email: string;
  confirmed: boolean;
  allServices: boolean;
  serviceIds: string[];
}
