import { render } from 'preact';
import { createPageServices, ServicesContext } from '@/lib/ui/services';
import { App } from './App';
import '@/lib/ui/base.css';
import './options.css';

render(
  <ServicesContext.Provider value={createPageServices()}>
    <App />
  </ServicesContext.Provider>,
  document.getElementById('app')!,
);
