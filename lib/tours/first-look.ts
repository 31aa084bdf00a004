import type { Tour } from './types';

/** (a) First look: what a visitor sees first, and where the standard's four interface classes are. */
export const firstLookTour: Tour = {
  id: 'first-look',
  title: 'tours.firstLook.title',
  summary: 'tours.firstLook.summary',
  steps: () => [
    {
      id: 'overview',
      title: 'tours.firstLook.overview.title',
      body: 'tours.firstLook.overview.body',
      route: '/',
      target: '[data-tour=overview]',
    },
    {
      id: 'datacenters',
      title: 'tours.firstLook.datacenters.title',
      body: 'tours.firstLook.datacenters.body',
      route: '/',
      target: '[data-tour=overview] > div > :nth-child(1)',
    },
    {
      id: 'quotas',
      title: 'tours.firstLook.quotas.title',
      body: 'tours.firstLook.quotas.body',
      route: '/',
      target: '[data-tour=overview] > div > :nth-child(2)',
    },
    {
      id: 'sidebar',
      title: 'tours.firstLook.sidebar.title',
      body: 'tours.firstLook.sidebar.body',
      target: '[data-tour=sidebar]',
    },
    {
      id: 'filter',
      title: 'tours.firstLook.filter.title',
      body: 'tours.firstLook.filter.body',
      target: '[data-tour=datacenter-filter]',
    },
    {
      id: 'tasks',
      title: 'tours.firstLook.tasks.title',
      body: 'tours.firstLook.tasks.body',
      target: '[data-tour=task-tray]',
    },
  ],
};
