// The script catalogue for the create form: ListScripts (with a name filter), GetScript (its
// description and the active version's contract) and ListScriptVersions.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { Script, ScriptVersion } from "../gen/dodil/scriptum/v1/scriptum_pb";
import { useScriptumClient } from "../client";

/** Enough for a picker; the name filter narrows a longer catalogue. */
export const SCRIPT_PAGE_SIZE = 100;

export const scriptKeys = {
  all: ["scriptum", "scripts"] as const,
  list: (nameFilter: string) => [...scriptKeys.all, "list", nameFilter] as const,
  script: (name: string) => [...scriptKeys.all, "script", name] as const,
  versions: (name: string) => [...scriptKeys.all, "versions", name] as const,
};

export interface ScriptList {
  scripts: Script[];
  /** More scripts match than one page holds: the person should narrow the search. */
  more: boolean;
}

export function useScriptList(nameFilter: string) {
  const client = useScriptumClient();
  const filter = nameFilter.trim();
  return useQuery({
    queryKey: scriptKeys.list(filter),
    queryFn: async ({ signal }): Promise<ScriptList> => {
      const response = await client.listScripts({ nameFilter: filter, pageSize: SCRIPT_PAGE_SIZE }, { signal });
      return { scripts: response.scripts, more: response.nextPageToken !== "" };
    },
    // Typing in the search keeps the previous list on screen until the new one arrives.
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

/** The script (null when the response has none); disabled for an empty name. */
export function useScript(name: string) {
  const client = useScriptumClient();
  return useQuery({
    queryKey: scriptKeys.script(name),
    queryFn: async ({ signal }): Promise<Script | null> => (await client.getScript({ name }, { signal })).script ?? null,
    enabled: name !== "",
    staleTime: 30_000,
  });
}

/** Versions, newest first as the service lists them; version 0 ("active") is a selector, not listed. */
export function useScriptVersions(name: string) {
  const client = useScriptumClient();
  return useQuery({
    queryKey: scriptKeys.versions(name),
    queryFn: async ({ signal }): Promise<ScriptVersion[]> =>
      (await client.listScriptVersions({ name, pageSize: SCRIPT_PAGE_SIZE }, { signal })).versions,
    enabled: name !== "",
    staleTime: 30_000,
  });
}
