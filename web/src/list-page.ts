import { computed, onMounted, reactive, ref } from 'vue';
import { ElMessage } from 'element-plus';
import { api, loadOptions, queryOf, type Options } from './api';
import { useNarrow } from './narrow';

/**
 * The state of one paged list page (工作台账, 走访台账): its rows, total, page and size, the loading
 * flag, the phone's folded filters, and `search(p)`, which asks `/api/console{path}` with the page's
 * current filters and shows a failure in Chinese.
 */
export function useListPage<Row>(path: string, filters: () => Record<string, unknown>, pageSize = 20) {
  const rows = ref<Row[]>([]);
  const total = ref(0);
  const page = ref(1);
  const size = ref(pageSize);
  const loading = ref(false);
  const narrow = useNarrow();
  const showFilters = ref(false);

  async function search(p = page.value): Promise<void> {
    page.value = p;
    loading.value = true;
    try {
      const r = await api<{ items: Row[]; total: number }>(
        `${path}${queryOf({ ...filters(), page: page.value, pageSize: size.value })}`,
      );
      rows.value = r.items;
      total.value = r.total;
    } catch (e) {
      ElMessage.error((e as Error).message);
    } finally {
      loading.value = false;
    }
  }

  return { rows, total, page, pageSize: size, loading, narrow, showFilters, search };
}

/**
 * A list page with filters (工作台账, 走访台账): the filter fields (`empty()` gives them cleared), the date
 * range, the options for the selects, the paged list they query, how many filters besides the keyword are
 * set (the phone's folded filter button shows it), the Excel export of the same rows, and `reset()`.
 * The first page loads once the options are in.
 */
export function useFilteredList<Row, F extends Record<string, string>>(
  path: string,
  empty: () => F,
  exportKind: string,
) {
  const f = reactive(empty());
  const dates = ref<[string, string] | null>(null);
  const options = ref<Options | null>(null);
  const filterQuery = () => ({ ...f, from: dates.value?.[0], to: dates.value?.[1] });
  const list = useListPage<Row>(path, filterQuery);
  const activeFilters = computed(
    () => Object.entries(f).filter(([k, v]) => k !== 'q' && v).length + (dates.value ? 1 : 0),
  );
  const exportHref = computed(() => `/api/console/export/${exportKind}${queryOf(filterQuery())}`);
  function reset(): void {
    Object.assign(f, empty());
    dates.value = null;
    void list.search(1);
  }
  onMounted(async () => {
    options.value = await loadOptions();
    await list.search(1);
  });
  return { ...list, f, dates, o: options, activeFilters, exportHref, reset };
}
