declare module 'frappe-gantt' {
  interface GanttTask {
    id: string;
    name: string;
    start: string;
    end: string;
    progress?: number;
    custom_class?: string;
  }
  export default class Gantt {
    constructor(element: HTMLElement | string, tasks: GanttTask[], options?: Record<string, unknown>);
    change_view_mode(mode: string): void;
  }
}
