import { capFieldOf } from './cap-paths.js';

describe('capFieldOf', () => {
  it.each([
    ['texts[1].headline', 'alert/info[1]/headline'],
    ['texts[0].description', 'alert/info[0]/description'],
    ['texts', 'alert/info'],
    ['cap.infos[0].senderName', 'alert/info[0]/senderName'],
    ['cap.infos[1].categories[0]', 'alert/info[1]/category[0]'],
    ['cap.infos[0].eventCodes[2].name', 'alert/info[0]/eventCode[2]/valueName'],
    ['cap.infos[0].parameters[1].value', 'alert/info[0]/parameter[1]/value'],
    ['cap.infos[0].resources[0].description', 'alert/info[0]/resource[0]/resourceDesc'],
    ['cap.infos[0].resources[0].derefUri', 'alert/info[0]/resource[0]/derefUri'],
    ['cap.infos[0].areas[2].description', 'alert/info[0]/area[2]/areaDesc'],
    ['cap.infos[0].areas[1].polygons[0].vertices[3].lat', 'alert/info[0]/area[1]/polygon[0]'],
    ['cap.infos[0].areas[0].circles[1].radiusKm', 'alert/info[0]/area[0]/circle[1]'],
    ['cap.infos[0].areas[0].geocodes[0].name', 'alert/info[0]/area[0]/geocode[0]/valueName'],
    ['cap.infos', 'alert/info'],
    ['cap.codes[1]', 'alert/code[1]'],
    ['cap.references[0]', 'alert/references'],
    ['cap.note', 'alert/note'],
    ['cap.signature', 'alert/Signature'],
    ['area.polygons[0].vertices', 'alert/info[0]/area'],
    ['handling.restrictions', 'alert/restriction'],
    ['addressees.nodes[0]', 'alert/addresses'],
    ['expires', 'alert/info[0]/expires'],
    ['type', 'alert/msgType'],
    ['regions', 'regions'],
    ['evaluation.source', 'evaluation.source'],
  ])('names %s as %s', (field, cap) => {
    expect(capFieldOf(field)).toBe(cap);
  });
});
