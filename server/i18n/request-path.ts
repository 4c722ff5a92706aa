import "server-only";
import { headers } from "next/headers";
import { PATH_HEADER } from "@/lib/i18n/routing";

/** The address being rendered without its language prefix (proxy.ts sets it), for the language switch; "/" when unknown. */
export async function requestPath(): Promise<string> {
  const path = (await headers()).get(PATH_HEADER);
  return path?.startsWith("/") ? path : "/";
}
