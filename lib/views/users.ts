import type { Role } from "@/lib/constants";

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  twoFactor: boolean;
  createdAt: Date;
}
