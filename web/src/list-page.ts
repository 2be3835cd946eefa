import { ref } from 'vue';
import { ElMessage } from 'element-plus';
import { api, queryOf } from './api';
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
