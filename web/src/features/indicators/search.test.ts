import { describe, expect, it } from 'vitest';
import { CLOSED_PANEL, parseCatalogueSearch, parseIndicatorPanelSearch } from './search';

describe('indicator panel URL state', () => {
  it('reads the drill-down position', () => {
    expect(
      parseIndicatorPanelSearch({
        ind: '4',
        indView: 'calc',
        indYear: '2025',
        indMuni: '0',
        indNoData: '1',
        indPage: '3',
        indSchool: '17',
      }),
    ).toEqual({
      ind: 4,
      indView: 'calc',
      indYear: 2025,
      indMuni: 0,
      indNoData: '1',
      indPage: 3,
      indSchool: 17,
    });
  });
  it('drops what does not fit: no indicator, a calculation without a year, junk', () => {
    expect(parseIndicatorPanelSearch({ indView: 'calc', indYear: '2025' })).toEqual({});
    expect(parseIndicatorPanelSearch({ ind: '4', indView: 'calc' })).toEqual({ ind: 4, indView: 'chart' });
    expect(parseIndicatorPanelSearch({ ind: 'x' })).toEqual({});
    expect(parseIndicatorPanelSearch({ ind: '2', indView: 'calc', indYear: '1800' })).toEqual({
      ind: 2,
      indView: 'chart',
    });
    expect(
      parseIndicatorPanelSearch({
        ind: '2',
        indView: 'calc',
        indYear: '2025',
        indMuni: '-1',
        indPage: '1',
        indSchool: '0',
        indNoData: 'yes',
      }),
    ).toEqual({ ind: 2, indView: 'calc', indYear: 2025 });
    expect(parseIndicatorPanelSearch({ ind: '2', indYear: '2025', indMuni: '3' })).toEqual({
      ind: 2,
      indView: 'chart',
      indYear: 2025,
    });
  });
  it('closes every key of the panel', () => {
    expect(Object.keys(CLOSED_PANEL).sort()).toEqual(
      ['ind', 'indMuni', 'indNoData', 'indPage', 'indSchool', 'indView', 'indYear'].sort(),
    );
  });
  it('reads the catalogue filters', () => {
    expect(parseCatalogueSearch({ q: ' интернет ', method: 'computed', origin: 'region' })).toEqual({
      q: ' интернет ',
      method: 'computed',
      origin: 'region',
    });
    expect(parseCatalogueSearch({ q: '  ', method: 'x', origin: 'y' })).toEqual({});
  });
});
