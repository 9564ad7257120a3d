import { render } from 'preact';
import { createPageServices, ServicesContext } from '@/lib/ui/services';
import { App } from './App';

render(
  <ServicesContext.Provider value={createPageServices()}>
    <App />
  </ServicesContext.Provider>,
  document.getElementById('app')!,
);
