// The Coverage and Target views are chunks of their own, fetched when first opened (issue #15, item 1): the
// first choropleth needs only Explore's code, and every byte of the app chunk is parsed before the map
// starts (B4 first visit, B10). Each loader fetches once; a failed fetch (the connection dropped) is tried
// again on the next call.

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));
}

export const loadCoverageView = once(() => import('./coverage/coverage-view.ts'));
export const loadTargetView = once(() => import('./target/target-view.ts'));
export const loadAdminDialog = once(() => import('./admin/AdminDialog.svelte'));
