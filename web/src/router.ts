import { createRouter, createWebHistory } from 'vue-router';
import { loadMe } from './api';

/**
 * Where a sign-in returns to: the page the person opened, with its query (a digest's link to 统计 with
 * its dates). In-page sign-ins read it from the login page's `next`; the WeCom sign-ins leave the page
 * for the platform and come back to `/console/`, so it waits in sessionStorage meanwhile.
 */
const NEXT_KEY = 'qs_console_next';

/** A path of this console (never another site, never the login page), or null. */
export const safeNext = (v: unknown): string | null =>
  typeof v === 'string' && /^\/[A-Za-z]/.test(v) && !v.startsWith('/login') ? v : null;

export function rememberNext(v: unknown): void {
  const next = safeNext(v);
  try {
    if (next) sessionStorage.setItem(NEXT_KEY, next);
    else sessionStorage.removeItem(NEXT_KEY);
  } catch {
    // Storage refused (a private window): the sign-in lands on 工作台账.
  }
}

function takeNext(): string | null {
  try {
    const next = sessionStorage.getItem(NEXT_KEY);
    sessionStorage.removeItem(NEXT_KEY);
    return safeNext(next);
  } catch {
    return null;
  }
}

export const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    {
      path: '/login',
      name: 'login',
      component: () => import('./pages/LoginPage.vue'),
      meta: { public: true },
    },
    { path: '/', redirect: () => takeNext() ?? '/problems' },
    { path: '/problems', name: 'problems', component: () => import('./pages/ProblemsPage.vue') },
    {
      path: '/problems/:code',
      name: 'problem',
      component: () => import('./pages/ProblemPage.vue'),
      props: true,
    },
    { path: '/visits', name: 'visits', component: () => import('./pages/VisitsPage.vue') },
    { path: '/compliance', name: 'compliance', component: () => import('./pages/CompliancePage.vue') },
    { path: '/stats', name: 'stats', component: () => import('./pages/StatsPage.vue') },
    { path: '/roster', name: 'roster', component: () => import('./pages/RosterPage.vue') },
    { path: '/assessment', name: 'assessment', component: () => import('./pages/AssessmentPage.vue') },
    { path: '/outreach', name: 'outreach', component: () => import('./pages/OutreachPage.vue') },
    { path: '/:rest(.*)*', redirect: '/problems' },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const me = await loadMe();
  if (!me) return { name: 'login', query: safeNext(to.fullPath) ? { next: to.fullPath } : {} };
  return true;
});
