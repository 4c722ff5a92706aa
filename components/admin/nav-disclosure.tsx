"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, type ReactNode } from "react";

/**
 * A <details> menu: it opens and its links work without JavaScript. With it, the menu
 * also closes after a link is followed (the layout stays mounted across pages), on Escape
 * and on a click elsewhere, as a menu is expected to.
 */
export function NavDisclosure({ label, className, panelClassName, children }: { label: string; className?: string; panelClassName?: string; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  useEffect(() => {
    const details = ref.current;
    if (!details) return;
    const onPointer = (event: PointerEvent) => {
      if (details.open && !details.contains(event.target as Node)) details.open = false;
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || !details.open) return;
      details.open = false;
      details.querySelector("summary")?.focus();
    };
    document.addEventListener("pointerdown", onPointer);
    details.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      details.removeEventListener("keydown", onKey);
    };
  }, []);
  return (
    <details ref={ref} className={`group ${className ?? ""}`}>
      <summary className="flex min-h-11 cursor-pointer list-none items-center gap-1 rounded border border-neutral-400 px-3 py-1 font-medium select-none dark:border-neutral-600 [&::-webkit-details-marker]:hidden">
        {label}
        <span aria-hidden="true" className="text-xs transition-transform group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className={panelClassName}>{children}</div>
    </details>
  );
}
