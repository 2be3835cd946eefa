import { onBeforeUnmount, ref, type Ref } from 'vue';

/** The phone breakpoint of style.css: below it lists are cards and the filters fold away. */
export const NARROW_MAX_WIDTH = 760;

/** True while the viewport is phone-sized (the WeCom / DingTalk in-app browser), kept up to date. */
export function useNarrow(): Ref<boolean> {
  const query = window.matchMedia(`(max-width: ${NARROW_MAX_WIDTH}px)`);
  const narrow = ref(query.matches);
  const onChange = (e: MediaQueryListEvent) => (narrow.value = e.matches);
  query.addEventListener('change', onChange);
  onBeforeUnmount(() => query.removeEventListener('change', onChange));
  return narrow;
}
