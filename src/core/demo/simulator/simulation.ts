import type { DemoBuilding, DemoDevice, DemoSpace } from '../building';
import { AIR_W_PER_M3H_K } from './air';
import { AirHandler, type AhuInputs, type AhuOutput } from './air-handler';
import { CracUnit, type CracOutput } from './crac';
import { daylightLx, lightingControl } from './lighting';
import { isWeekday, LocalClock } from './local-time';
import { Register, startingRegister } from './meters';
import { OccupancyModel, type OccupiedSpace } from './occupancy';
import { BOILER_AUX_W, Boiler, Chiller, GAS_KWH_PER_M3, type BoilerOutput, type ChillerOutput } from './plant';
import { humidityRatio, relativeHumidity } from './psychrometrics';
import { hash, hashString, smoothNoise } from './random';
import { VavController, zoneSetpoint, UNOCCUPIED_COOLING_C, type VavOutput } from './vav';
import { outdoorAt, type Outdoor } from './weather';
import { solarGainW, stepZone, type ZoneParams, type ZoneState } from './zone';

/** What a device reports: point name → true (noise-free) value. */
export type DeviceValues = Record<string, number | boolean>;

/** Longest physics step; a catch-up after a long pause takes longer ones rather than stall. */
const MAX_STEP_S = 60;
const MAX_STEPS_PER_ADVANCE = 5000;
/** The simulation starts this long before its start time, so rooms and plant have settled. */
const DEFAULT_WARM_UP_S = 24 * 3600;
/** Building schedule (local time, working days): ventilation and occupied setpoints. */
const OCCUPIED_FROM_H = 6;
const OCCUPIED_UNTIL_H = 19;
/** Circulation areas stay lit through the working day. */
const LIT_FROM_H = 7;
const LIT_UNTIL_H = 19;
/** Share of a boiler's fuel that its casing and pipework give off into the plant room. */
const BOILER_CASING_LOSS = 0.03;
/** Equipment draws up to this factor of its nominal load as it varies. */
const EQUIPMENT_SWING_MAX = 1.04;
const CH_EQUIPMENT = 21;

interface Zone {
  space: DemoSpace;
  params: ZoneParams;
  state: ZoneState;
  occupancy: OccupiedSpace;
  glazingM2: number;
  occupants: number;
  lightsLevel: number;
  illuminanceLx: number;
  lightingW: number;
  equipmentW: number;
  vav: { controller: VavController; out: VavOutput; airflowM3h: number; airHandler: AirHandlerUnit | null } | null;
  crac: { unit: CracUnit; out: CracOutput } | null;
}

interface AirHandlerUnit {
  unit: AirHandler;
  zones: Zone[];
  ambient: Zone;
  /** Running outside occupied hours to pull a zone back inside its setback band. */
  nightMode: boolean;
  out: AhuOutput;
}

function zoneParams(b: DemoBuilding, space: DemoSpace, isGround: boolean, isTop: boolean): ZoneParams {
  const c = b.construction;
  let ua = 0;
  for (const f of space.facades) ua += (f.areaM2 - f.glazingM2) * c.wallU + f.glazingM2 * c.windowU;
  if (isTop) ua += space.areaM2 * c.roofU;
  return {
    volumeM3: space.volumeM3,
    capacityJPerK: space.areaM2 * c.thermalMassKjPerM2K * 1000 + space.volumeM3 * AIR_W_PER_M3H_K * 3600,
    uaOutdoorWPerK: ua,
    uaGroundWPerK: isGround ? space.areaM2 * c.groundU : 0,
    uaInternalWPerK: space.areaM2 * c.internalCouplingWPerM2K,
    infiltrationM3h: space.infiltrationAch * space.volumeM3,
    glazing: space.facades.filter((f) => f.glazingM2 > 0).map((f) => ({ azimuthDeg: f.azimuthDeg, areaM2: f.glazingM2 })),
    shgc: c.windowShgc,
  };
}

function only<T extends DemoDevice['type']>(b: DemoBuilding, type: T): Extract<DemoDevice, { type: T }> {
  const found = b.devices.filter((d): d is Extract<DemoDevice, { type: T }> => d.type === type);
  if (found.length !== 1) throw new Error(`the demo building must have exactly one ${type}, not ${found.length}`);
  return found[0]!;
}

/**
 * The whole building as a simulation: weather, people, rooms, their VAV boxes and air
 * handlers, the central plant and the meters. Pure: no I/O, driven by `advanceTo`.
 */
export class Simulation {
  private t: number;
  private readonly clock: LocalClock;
  private readonly occupancyModel: OccupancyModel;
  private readonly zones = new Map<string, Zone>();
  private readonly storeys = new Map<string, Zone[]>();
  private readonly airHandlers = new Map<string, AirHandlerUnit>();
  private readonly chiller: Chiller;
  private readonly boiler: Boiler;
  private readonly plantRoom: Zone;
  private readonly maxElectricKw: number;
  private readonly maxGasM3h: number;
  private electricity: Register;
  private gas: Register;
  private outdoorNow: Outdoor;
  private occupancyMinute = Number.NaN;
  private chillerOut: ChillerOutput;
  private boilerOut: BoilerOutput;
  private electricW = 0;
  private gasM3h = 0;

  constructor(
    readonly building: DemoBuilding,
    startMs: number,
    options: { warmUpS?: number } = {},
  ) {
    const b = building;
    this.t = startMs - 1000 * (options.warmUpS ?? DEFAULT_WARM_UP_S);
    this.clock = new LocalClock(b.site.timeZone);
    this.occupancyModel = new OccupancyModel(b.seed);
    this.outdoorNow = outdoorAt(b.site, b.seed, this.t);

    const storeyLevels = b.levels.filter((l) => l.kind === 'storey').sort((x, y) => x.elevationM - y.elevationM);
    const ground = storeyLevels[0]?.key;
    const top = storeyLevels.at(-1)?.key;
    for (const space of b.spaces) {
      if (space.kind === 'roof') continue;
      const vav = b.devices.find((d) => d.type === 'vav' && d.spaceId === space.id);
      const crac = b.devices.find((d) => d.type === 'crac' && d.spaceId === space.id);
      const startC = vav?.type === 'vav' ? vav.design.occupiedSetpointC - 1 : 20;
      const zone: Zone = {
        space,
        params: zoneParams(b, space, space.level === ground, space.level === top),
        state: { tempC: startC, humidityRatio: humidityRatio(startC, 40), co2Ppm: 450 },
        occupancy: { kind: space.kind, capacity: space.capacity, hashKey: hashString(space.id) },
        glazingM2: space.facades.reduce((s, f) => s + f.glazingM2, 0),
        occupants: 0,
        lightsLevel: 0,
        illuminanceLx: 0,
        lightingW: 0,
        equipmentW: 0,
        vav:
          vav?.type === 'vav'
            ? { controller: new VavController(vav.design), out: idleVav(vav.design.occupiedSetpointC, startC), airflowM3h: 0, airHandler: null }
            : null,
        crac: crac?.type === 'crac' ? { unit: new CracUnit(crac.design), out: idleCrac(crac.design.setpointC, startC) } : null,
      };
      this.zones.set(space.id, zone);
      const list = this.storeys.get(space.level) ?? [];
      list.push(zone);
      this.storeys.set(space.level, list);
    }

    const boiler = only(b, 'boiler');
    const chiller = only(b, 'chiller');
    this.boiler = new Boiler(boiler.design);
    this.chiller = new Chiller(chiller.design);
    this.plantRoom = this.zoneOf(boiler);
    this.chillerOut = { running: false, coolingW: 0, powerW: 0, supplyTempC: 12, returnTempC: 12 };
    this.boilerOut = { running: false, heatW: 0, firingPct: 0, supplyTempC: 40, fuelW: 0, auxW: 0 };

    let maxFanW = 0;
    for (const d of b.devices) {
      if (d.type === 'ahu') {
        const zones = d.design.serves.map((id) => this.zones.get(id)).filter((z): z is Zone => z !== undefined && z.vav !== null);
        const unit = new AirHandler(d.design);
        const ambient = this.zoneOf(d);
        const ahu: AirHandlerUnit = { unit, zones, ambient, nightMode: false, out: unit.step(this.ahuInputs(zones, ambient, false, false), 0) };
        for (const z of zones) z.vav!.airHandler = ahu;
        this.airHandlers.set(d.key, ahu);
        maxFanW += d.design.fanKw * 1000;
      }
      if (d.type === 'crac') maxFanW += d.design.fanKw * 1000;
    }
    let maxRoomW = 0;
    for (const z of this.zones.values()) {
      const e = z.space.equipment;
      maxRoomW += z.space.areaM2 * (z.space.lighting.powerWPerM2 + Math.max(e.baseWPerM2, e.occupiedWPerM2) * EQUIPMENT_SWING_MAX);
    }
    this.maxElectricKw = (maxRoomW + maxFanW + this.chiller.maxPowerW + BOILER_AUX_W) / 1000;
    this.maxGasM3h = this.boiler.design.capacityKw / this.boiler.design.efficiency / GAS_KWH_PER_M3;
    this.electricity = new Register(startingRegister(this.maxElectricKw, this.t));
    this.gas = new Register(startingRegister(this.maxGasM3h, this.t));

    for (const d of b.devices) this.checkPoints(d);
    this.advanceTo(startMs);
    // Registers count from the start time, not from the warm-up (see startingRegister).
    this.electricity = new Register(startingRegister(this.maxElectricKw, startMs));
    this.gas = new Register(startingRegister(this.maxGasM3h, startMs));
  }

  /** Steps the simulation forward to `tMs`; an earlier time is ignored (the clock never runs back). */
  advanceTo(tMs: number): void {
    const remaining = tMs - this.t;
    if (!(remaining > 0)) return;
    const steps = Math.min(MAX_STEPS_PER_ADVANCE, Math.ceil(remaining / (MAX_STEP_S * 1000)));
    const dtMs = remaining / steps;
    for (let k = 0; k < steps; k++) this.step(dtMs / 1000);
    this.t = tMs;
  }

  private zoneOf(d: DemoDevice): Zone {
    const z = this.zones.get(d.spaceId);
    if (!z) throw new Error(`device ${d.key} is in ${d.spaceId}, which is not a simulated room`);
    return z;
  }

  private ahuInputs(zones: Zone[], ambient: Zone, running: boolean, ventilate: boolean): AhuInputs {
    return {
      running,
      ventilate,
      zones: zones.map((z) => ({ airflowM3h: z.vav?.out.airflowM3h ?? 0, tempC: z.state.tempC, humidityRatio: z.state.humidityRatio, co2Ppm: z.state.co2Ppm })),
      coolingDemands: zones.map((z) => z.vav?.out.coolingDemand ?? 0),
      outdoor: this.outdoorNow,
      ambientC: ambient.state.tempC,
    };
  }

  private step(dtS: number): void {
    const b = this.building;
    const o = (this.outdoorNow = outdoorAt(b.site, b.seed, this.t));
    const local = this.clock.at(this.t);
    const workday = isWeekday(local);
    const occupied = workday && local.hour >= OCCUPIED_FROM_H && local.hour < OCCUPIED_UNTIL_H;
    const minuteKey = local.day * 1440 + local.minute;
    if (minuteKey !== this.occupancyMinute) {
      this.occupancyMinute = minuteKey;
      for (const z of this.zones.values()) z.occupants = this.occupancyModel.count(z.occupancy, local);
    }
    const circulationLit = workday && local.hour >= LIT_FROM_H && local.hour < LIT_UNTIL_H;

    const air = this.stepAirSide(occupied, dtS);
    const rooms = this.stepRooms(o, circulationLit, dtS);
    this.chillerOut = this.chiller.step(air.coolingW + rooms.coolingW, o.tempC, this.plantRoom.state.tempC, dtS);
    this.boilerOut = this.boiler.step(air.heatingW, o.tempC, this.plantRoom.state.tempC, dtS);
    this.electricW = air.electricW + rooms.electricW + this.chillerOut.powerW + this.boilerOut.auxW;
    this.gasM3h = this.boilerOut.fuelW / 1000 / GAS_KWH_PER_M3;
    this.electricity.add(this.electricW / 1000, dtS);
    this.gas.add(this.gasM3h, dtS);
    this.t += dtS * 1000;
  }

  /** VAV boxes and air handlers: each unit runs in occupied hours, or at night when a zone leaves its setback band. */
  private stepAirSide(occupied: boolean, dtS: number): { coolingW: number; heatingW: number; electricW: number } {
    const total = { coolingW: 0, heatingW: 0, electricW: 0 };
    for (const ahu of this.airHandlers.values()) {
      const band = (z: Zone) => ({ heatBelow: zoneSetpoint(z.vav!.controller.design, false), t: z.state.tempC });
      const outside = ahu.zones.map(band).some(({ heatBelow, t }) => t < heatBelow || t > UNOCCUPIED_COOLING_C);
      const settled = ahu.zones.map(band).every(({ heatBelow, t }) => t >= heatBelow + 1 && t <= UNOCCUPIED_COOLING_C - 1);
      ahu.nightMode = !occupied && (outside || (ahu.nightMode && !settled));
      const running = occupied || ahu.nightMode;
      for (const z of ahu.zones) {
        const vav = z.vav!;
        vav.out = vav.controller.update(
          { zoneTempC: z.state.tempC, occupied, occupants: z.occupants, airAvailable: running, supplyTempC: ahu.out.supply.tempC },
          dtS,
        );
      }
      ahu.out = ahu.unit.step(this.ahuInputs(ahu.zones, ahu.ambient, running, occupied), dtS);
      for (const z of ahu.zones) {
        const vav = z.vav!;
        vav.airflowM3h = vav.out.airflowM3h * ahu.out.deliveredShare;
        total.heatingW += vav.out.reheatW * ahu.out.deliveredShare;
      }
      total.coolingW += ahu.out.coolingW;
      total.heatingW += ahu.out.heatingW;
      total.electricW += ahu.out.fanW;
    }
    return total;
  }

  /** Each room: lights, equipment, local cooling, then its heat, CO2 and moisture balance. */
  private stepRooms(o: Outdoor, circulationLit: boolean, dtS: number): { coolingW: number; electricW: number } {
    const total = { coolingW: 0, electricW: 0 };
    const storeyMean = new Map<string, number>();
    for (const [level, zones] of this.storeys) storeyMean.set(level, zones.reduce((sum, z) => sum + z.state.tempC, 0) / zones.length);

    for (const z of this.zones.values()) {
      const s = z.space;
      const wanted = z.occupants > 0 || (circulationLit && (s.kind === 'lobby' || s.kind === 'corridor'));
      const lit = { areaM2: s.areaM2, glazingM2: z.glazingM2, targetLx: s.lighting.targetLx };
      const light = lightingControl(lit, daylightLx(lit, o), wanted);
      z.lightsLevel = light.level;
      z.illuminanceLx = light.illuminanceLx;
      z.lightingW = light.level * s.lighting.powerWPerM2 * s.areaM2;
      const use = s.kind === 'meeting' ? (z.occupants > 0 ? 1 : 0) : s.capacity > 0 ? Math.min(1, z.occupants / s.capacity) : 0;
      const perM2 = s.equipment.baseWPerM2 + (s.equipment.occupiedWPerM2 - s.equipment.baseWPerM2) * use;
      const swing = smoothNoise(this.building.seed, hash(CH_EQUIPMENT, z.occupancy.hashKey), this.t, 1_800_000);
      z.equipmentW = perM2 * s.areaM2 * (1 + (EQUIPMENT_SWING_MAX - 1) * swing);
      total.electricW += z.lightingW + z.equipmentW;

      let localCoolingW = 0;
      if (z.crac) {
        z.crac.out = z.crac.unit.step(z.state.tempC, dtS);
        localCoolingW = z.crac.out.coolingW;
        total.coolingW += localCoolingW;
        total.electricW += z.crac.out.fanW;
      }
      const ahu = z.vav?.airHandler;
      const supply =
        z.vav && ahu
          ? { ...ahu.out.supply, airflowM3h: z.vav.airflowM3h, tempC: ahu.out.supply.tempC + reheatRiseK(z.vav.out) }
          : { airflowM3h: 0, tempC: z.state.tempC, humidityRatio: z.state.humidityRatio, co2Ppm: z.state.co2Ppm };
      const casingW = z === this.plantRoom ? BOILER_CASING_LOSS * this.boilerOut.fuelW : 0;
      z.state = stepZone(
        z.params,
        z.state,
        {
          outdoor: o,
          neighbourTempC: storeyMean.get(s.level) ?? z.state.tempC,
          occupants: z.occupants,
          gainsW: solarGainW(z.params, o) + z.lightingW + z.equipmentW + casingW - localCoolingW,
          supply,
        },
        dtS,
      );
    }
    return total;
  }

  /** The device's points, true values now. Keys are exactly the device's point names. */
  deviceValues(d: DemoDevice): DeviceValues {
    switch (d.type) {
      case 'room-sensor': {
        const z = this.zoneOf(d);
        return {
          temp: z.state.tempC,
          humidity: relativeHumidity(z.state.tempC, z.state.humidityRatio),
          co2: z.state.co2Ppm,
          occupancy: z.occupants,
          illuminance: z.illuminanceLx,
        };
      }
      case 'lighting':
        return { level: 100 * this.zoneOf(d).lightsLevel };
      case 'vav': {
        const z = this.zoneOf(d);
        const vav = z.vav!;
        return { damper: vav.out.damperPct, airflow: vav.airflowM3h, setpoint: vav.out.setpointC, reheat: vav.out.reheatPct };
      }
      case 'crac': {
        const out = this.zoneOf(d).crac!.out;
        return { supplyTemp: out.supplyTempC, coolingValve: out.coolingValvePct, setpoint: out.setpointC, running: out.running };
      }
      case 'ahu': {
        const out = this.airHandlers.get(d.key)!.out;
        return {
          supplyTemp: out.supply.tempC,
          supplyTempSetpoint: out.supplySetpointC,
          returnTemp: out.returnTempC,
          fanSpeed: out.fanPct,
          oaDamper: out.oaDamperPct,
          heatingValve: out.heatingValvePct,
          coolingValve: out.coolingValvePct,
          running: out.running,
        };
      }
      case 'chiller':
        return {
          chwSupplyTemp: this.chillerOut.supplyTempC,
          chwReturnTemp: this.chillerOut.returnTempC,
          power: this.chillerOut.powerW / 1000,
          running: this.chillerOut.running,
        };
      case 'boiler':
        return { hwSupplyTemp: this.boilerOut.supplyTempC, firingRate: this.boilerOut.firingPct, running: this.boilerOut.running };
      case 'electricity-meter':
        return { power: this.electricW / 1000, energy: this.electricity.value };
      case 'gas-meter':
        return { flow: this.gasM3h, volume: this.gas.value };
      case 'weather-station':
        return { temp: this.outdoorNow.tempC, humidity: this.outdoorNow.rhPct, solarIrradiance: this.outdoorNow.ghi, windSpeed: this.outdoorNow.windMs };
    }
  }

  /** The model and the simulator must agree on every device's points, or some would never be published. */
  private checkPoints(d: DemoDevice): void {
    const given = Object.keys(this.deviceValues(d)).sort();
    const listed = d.points.map((p) => p.name).sort();
    if (given.join() !== listed.join()) {
      throw new Error(`device ${d.key} (${d.type}) lists points ${listed.join(', ')} but the simulator gives ${given.join(', ')}`);
    }
  }
}

/** How much the reheat coil warms the air; the same per m³ when the air handler delivers less than asked. */
function reheatRiseK(out: VavOutput): number {
  return out.airflowM3h > 0 ? out.reheatW / (AIR_W_PER_M3H_K * out.airflowM3h) : 0;
}

function idleVav(setpointC: number, tempC: number): VavOutput {
  return { setpointC, damperPct: 0, airflowM3h: 0, reheatPct: 0, reheatW: 0, dischargeTempC: tempC, coolingDemand: 0 };
}

function idleCrac(setpointC: number, tempC: number): CracOutput {
  return { running: true, coolingW: 0, coolingValvePct: 0, supplyTempC: tempC, setpointC, fanW: 0 };
}
