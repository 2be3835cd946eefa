import { createRouter, createWebHistory } from 'vue-router';
import { loadMe } from './api';

export const router = createRouter({
  history: createWebHistory('/console/'),
  routes: [
    {
      path: '/login',
      name: 'login',
      component: () => import('./pages/LoginPage.vue'),
      meta: { public: true },
    },
    { path: '/', redirect: '/problems' },
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
  if (!me) return { name: 'login' };
  return true;
});
