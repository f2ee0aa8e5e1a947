// Real Matrix event JSON from the Matrix specification's own examples, resolved of their `$ref`s:
// github.com/matrix-org/matrix-spec at d0ba2aaef801e0134a4e5c6054a2c2f41bb55531, data/event-schemas/examples/ and the response example
// of data/api/client-server/sync.yaml. Generated once; the files are named next to each example.

/// The Matrix specification's example events, by the file each comes from.
let matrixSpecEvents: [(source: String, json: String)] = [
    (
        "data/event-schemas/examples/m.room.message$m.text.yaml",
        #"""
        {
          "content": {
            "body": "This is an example text message",
            "format": "org.matrix.custom.html",
            "formatted_body": "<b>This is an example text message</b>",
            "msgtype": "m.text"
          },
          "event_id": "$143273582443PhrSn:example.org",
          "origin_server_ts": 1432735824653,
          "room_id": "!jEsUZKDJdhlrceRyVU:example.org",
          "sender": "@example:example.org",
          "type": "m.room.message",
          "unsigned": {
            "age": 1234,
            "membership": "join"
          }
        }
        """#
    ),
    (
        "data/event-schemas/examples/m.room.message$m.notice.yaml",
        #"""
        {
          "content": {
            "body": "This is an example notice",
            "format": "org.matrix.custom.html",
            "formatted_body": "This is an <strong>example</strong> notice",
            "msgtype": "m.notice"
          },
          "event_id": "$143273582443PhrSn:example.org",
          "origin_server_ts": 1432735824653,
          "room_id": "!jEsUZKDJdhlrceRyVU:example.org",
          "sender": "@example:example.org",
          "type": "m.room.message",
          "unsigned": {
            "age": 1234,
            "membership": "join"
          }
        }
        """#
    ),
    (
        "data/event-schemas/examples/m.room.message$m.emote.yaml",
        #"""
        {
          "content": {
            "body": "thinks this is an example emote",
            "format": "org.matrix.custom.html",
            "formatted_body": "thinks <b>this</b> is an example emote",
            "msgtype": "m.emote"
          },
          "event_id": "$143273582443PhrSn:example.org",
          "origin_server_ts": 1432735824653,
          "room_id": "!jEsUZKDJdhlrceRyVU:example.org",
          "sender": "@example:example.org",
          "type": "m.room.message",
          "unsigned": {
            "age": 1234,
            "membership": "join"
          }
        }
        """#
    ),
    (
        "data/event-schemas/examples/m.room.message$m.image.yaml",
        #"""
        {
          "content": {
            "body": "filename.jpg",
            "info": {
              "h": 398,
              "is_animated": false,
              "mimetype": "image/jpeg",
              "size": 31037,
              "w": 394
            },
            "msgtype": "m.image",
            "url": "mxc://example.org/JWEIFJgwEIhweiWJE"
          },
          "event_id": "$143273582443PhrSn:example.org",
          "origin_server_ts": 1432735824653,
          "room_id": "!jEsUZKDJdhlrceRyVU:example.org",
          "sender": "@example:example.org",
          "type": "m.room.message",
          "unsigned": {
            "age": 1234,
            "membership": "join"
          }
        }
        """#
    ),
    (
        "data/event-schemas/examples/m.room.message$m.file.yaml",
        #"""
        {
          "content": {
            "body": "something-important.doc",
            "filename": "something-important.doc",
            "info": {
              "mimetype": "application/msword",
              "size": 46144
            },
            "msgtype": "m.file",
            "url": "mxc://example.org/FHyPlCeYUSFFxlgbQYZmoEoe"
          },
          "event_id": "$143273582443PhrSn:example.org",
          "origin_server_ts": 1432735824653,
          "room_id": "!jEsUZKDJdhlrceRyVU:example.org",
          "sender": "@example:example.org",
          "type": "m.room.message",
          "unsigned": {
            "age": 1234,
            "membership": "join"
          }
        }
        """#
    ),
    (
        "data/event-schemas/examples/m.room.message$m.location.yaml",
        #"""
        {
          "content": {
            "body": "Big Ben, London, UK",
            "geo_uri": "geo:51.5008,0.1247",
            "info": {
              "thumbnail_info": {
                "h": 300,
                "mimetype": "image/jpeg",
                "size": 46144,
                "w": 300
              },
              "thumbnail_url": "mxc://example.org/FHyPlCeYUSFFxlgbQYZmoEoe"
            },
            "msgtype": "m.location"
          },
          "event_id": "$143273582443PhrSn:example.org",
          "origin_server_ts": 1432735824653,
          "room_id": "!jEsUZKDJdhlrceRyVU:example.org",
          "sender": "@example:example.org",
          "type": "m.room.message",
          "unsigned": {
            "age": 1234,
            "membership": "join"
          }
        }
        """#
    ),
    (
        "data/event-schemas/examples/m.room.message$m.server_notice.yaml",
        #"""
        {
          "content": {
            "admin_contact": "mailto:server.admin@example.org",
            "body": "Human-readable message to explain the notice",
            "limit_type": "monthly_active_user",
            "msgtype": "m.server_notice",
            "server_notice_type": "m.server_notice.usage_limit_reached"
          },
          "event_id": "$143273582443PhrSn:example.org",
          "origin_server_ts": 1432735824653,
          "room_id": "!jEsUZKDJdhlrceRyVU:example.org",
          "sender": "@example:example.org",
          "type": "m.room.message",
          "unsigned": {
            "age": 1234,
            "membership": "join"
          }
        }
        """#
    ),
    (
        "data/event-schemas/examples/m.room.member.yaml",
        #"""
        {
          "content": {
            "avatar_url": "mxc://example.org/SEsfnsuifSDFSSEF",
            "displayname": "Alice Margatroid",
            "membership": "join",
            "reason": "Looking for support"
          },
          "event_id": "$143273582443PhrSn:example.org",
          "origin_server_ts": 1432735824653,
          "room_id": "!jEsUZKDJdhlrceRyVU:example.org",
          "sender": "@alice:example.org",
          "state_key": "@alice:example.org",
          "type": "m.room.member",
          "unsigned": {
            "age": 1234,
            "membership": "join"
          }
        }
        """#
    ),
    (
        "data/event-schemas/examples/m.room.member$invite_room_state.yaml",
        #"""
        {
          "content": {
            "avatar_url": "mxc://example.org/SEsfnsuifSDFSSEF",
            "displayname": "Alice Margatroid",
            "membership": "invite",
            "reason": "Looking for support"
          },
          "event_id": "$143273582443PhrSn:example.org",
          "origin_server_ts": 1432735824653,
          "room_id": "!jEsUZKDJdhlrceRyVU:example.org",
          "sender": "@alice:example.org",
          "state_key": "@alice:example.org",
          "type": "m.room.member",
          "unsigned": {
            "age": 1234,
            "invite_room_state": [
              {
                "content": {
                  "name": "Example Room"
                },
                "sender": "@bob:example.org",
                "state_key": "",
                "type": "m.room.name"
              },
              {
                "content": {
                  "join_rule": "invite"
                },
                "sender": "@bob:example.org",
                "state_key": "",
                "type": "m.room.join_rules"
              }
            ]
          }
        }
        """#
    ),
    (
        "data/event-schemas/examples/m.room.member$third_party_invite.yaml",
        #"""
        {
          "content": {
            "avatar_url": "mxc://example.org/SEsfnsuifSDFSSEF",
            "displayname": "Alice Margatroid",
            "membership": "invite",
            "third_party_invite": {
              "display_name": "alice",
              "signed": {
                "mxid": "@alice:example.org",
                "signatures": {
                  "magic.forest": {
                    "ed25519:3": "fQpGIW1Snz+pwLZu6sTy2aHy/DYWWTspTJRPyNp0PKkymfIsNffysMl6ObMMFdIJhk6g6pwlIqZ54rxo8SLmAg"
                  }
                },
                "token": "abc123"
              }
            }
          },
          "event_id": "$143273582443PhrSn:example.org",
          "origin_server_ts": 1432735824653,
          "room_id": "!jEsUZKDJdhlrceRyVU:example.org",
          "sender": "@alice:example.org",
          "state_key": "@alice:example.org",
          "type": "m.room.member",
          "unsigned": {
            "age": 1234,
            "membership": "join"
          }
        }
        """#
    ),
    (
        "data/event-schemas/examples/m.room.member$join_authorised_via_users_server.yaml",
        #"""
        {
          "content": {
            "avatar_url": "mxc://example.org/SEsfnsuifSDFSSEF",
            "displayname": "Alice Margatroid",
            "join_authorised_via_users_server": "@bob:other.example.org",
            "membership": "join"
          },
          "event_id": "$143273582443PhrSn:example.org",
          "origin_server_ts": 1432735824653,
          "room_id": "!jEsUZKDJdhlrceRyVU:example.org",
          "sender": "@alice:example.org",
          "state_key": "@alice:example.org",
          "type": "m.room.member",
          "unsigned": {
            "age": 1234
          }
        }
        """#
    ),
    (
        "data/event-schemas/examples/m.reaction.yaml",
        #"""
        {
          "content": {
            "m.relates_to": {
              "event_id": "$some_event_id",
              "key": "👍",
              "rel_type": "m.annotation"
            }
          },
          "event_id": "$143273582443PhrSn:example.org",
          "origin_server_ts": 1432735824653,
          "room_id": "!jEsUZKDJdhlrceRyVU:example.org",
          "sender": "@example:example.org",
          "type": "m.reaction",
          "unsigned": {
            "age": 1234,
            "membership": "join"
          }
        }
        """#
    ),
    (
        "data/event-schemas/examples/m.room.encryption.yaml",
        #"""
        {
          "content": {
            "algorithm": "m.megolm.v1.aes-sha2",
            "rotation_period_ms": 604800000,
            "rotation_period_msgs": 100
          },
          "event_id": "$143273582443PhrSn:example.org",
          "origin_server_ts": 1432735824653,
          "room_id": "!jEsUZKDJdhlrceRyVU:example.org",
          "sender": "@example:example.org",
          "state_key": "",
          "type": "m.room.encryption",
          "unsigned": {
            "age": 1234,
            "membership": "join"
          }
        }
        """#
    ),
    (
        "data/event-schemas/examples/m.room.encrypted$megolm.yaml",
        #"""
        {
          "content": {
            "algorithm": "m.megolm.v1.aes-sha2",
            "ciphertext": "AwgAEnACgAkLmt6qF84IK++J7UDH2Za1YVchHyprqTqsg...",
            "device_id": "RJYKSTBOIE",
            "sender_key": "IlRMeOPX2e0MurIyfWEucYBRVOEEUMrOHqn/8mLqMjA",
            "session_id": "X3lUlvLELLYxeTx4yOVu6UDpasGEVO0Jbu+QFnm0cKQ"
          },
          "event_id": "$143273582443PhrSn:example.org",
          "origin_server_ts": 1432735824653,
          "room_id": "!jEsUZKDJdhlrceRyVU:example.org",
          "sender": "@example:example.org",
          "type": "m.room.encrypted",
          "unsigned": {
            "age": 1234,
            "membership": "join"
          }
        }
        """#
    ),
]

/// The specification's example `/sync` response (data/api/client-server/sync.yaml).
let matrixSpecSyncResponse = #"""
    {
      "account_data": {
        "events": [
          {
            "content": {
              "custom_config_key": "custom_config_value"
            },
            "type": "org.example.custom.config"
          }
        ]
      },
      "next_batch": "s72595_4483_1934",
      "presence": {
        "events": [
          {
            "content": {
              "avatar_url": "mxc://localhost/wefuiwegh8742w",
              "currently_active": false,
              "last_active_ago": 2478593,
              "presence": "online",
              "status_msg": "Making cupcakes"
            },
            "sender": "@example:localhost",
            "type": "m.presence"
          }
        ]
      },
      "rooms": {
        "invite": {
          "!696r7674:example.com": {
            "invite_state": {
              "events": [
                {
                  "content": {
                    "name": "My Room Name"
                  },
                  "sender": "@alice:example.com",
                  "state_key": "",
                  "type": "m.room.name"
                },
                {
                  "content": {
                    "membership": "invite"
                  },
                  "sender": "@alice:example.com",
                  "state_key": "@bob:example.com",
                  "type": "m.room.member"
                }
              ]
            }
          }
        },
        "join": {
          "!726s6s6q:example.com": {
            "account_data": {
              "events": [
                {
                  "content": {
                    "tags": {
                      "u.work": {
                        "order": 0.9
                      }
                    }
                  },
                  "type": "m.tag"
                },
                {
                  "content": {
                    "custom_config_key": "custom_config_value"
                  },
                  "type": "org.example.custom.room.config"
                }
              ]
            },
            "ephemeral": {
              "events": [
                {
                  "content": {
                    "user_ids": [
                      "@alice:matrix.org",
                      "@bob:example.com"
                    ]
                  },
                  "type": "m.typing"
                },
                {
                  "content": {
                    "$1435641916114394fHBLK:matrix.org": {
                      "m.read": {
                        "@erikj:jki.re": {
                          "ts": 1436451550453
                        }
                      },
                      "m.read.private": {
                        "@self:example.org": {
                          "ts": 1661384801651
                        }
                      }
                    }
                  },
                  "type": "m.receipt"
                }
              ]
            },
            "state": {
              "events": [
                {
                  "content": {
                    "avatar_url": "mxc://example.org/SFHyPlCeYUSFFxlgbQYZmoEoe",
                    "displayname": "Example user",
                    "membership": "join"
                  },
                  "event_id": "$143273976499sgjks:example.org",
                  "origin_server_ts": 1432735824653,
                  "sender": "@example:example.org",
                  "state_key": "@example:example.org",
                  "type": "m.room.member",
                  "unsigned": {
                    "age": 45603,
                    "membership": "join"
                  }
                }
              ]
            },
            "summary": {
              "m.heroes": [
                "@alice:example.com",
                "@bob:example.com"
              ],
              "m.invited_member_count": 0,
              "m.joined_member_count": 2
            },
            "timeline": {
              "events": [
                {
                  "content": {
                    "avatar_url": "mxc://example.org/SEsfnsuifSDFSSEF",
                    "displayname": "Alice Margatroid",
                    "membership": "join",
                    "reason": "Looking for support"
                  },
                  "event_id": "$143273582443PhrSn:example.org",
                  "origin_server_ts": 1432735824653,
                  "sender": "@alice:example.org",
                  "state_key": "@alice:example.org",
                  "type": "m.room.member",
                  "unsigned": {
                    "age": 1234,
                    "membership": "join"
                  }
                },
                {
                  "content": {
                    "body": "This is an example text message",
                    "format": "org.matrix.custom.html",
                    "formatted_body": "<b>This is an example text message</b>",
                    "msgtype": "m.text"
                  },
                  "event_id": "$143273582443PhrSn:example.org",
                  "origin_server_ts": 1432735824653,
                  "sender": "@example:example.org",
                  "type": "m.room.message",
                  "unsigned": {
                    "age": 1234,
                    "membership": "join"
                  }
                }
              ],
              "limited": true,
              "prev_batch": "t34-23535_0_0"
            },
            "unread_notifications": {
              "highlight_count": 1,
              "notification_count": 5
            },
            "unread_thread_notifications": {
              "$threadroot": {
                "highlight_count": 3,
                "notification_count": 6
              }
            }
          }
        },
        "knock": {
          "!223asd456:example.com": {
            "knock_state": {
              "events": [
                {
                  "content": {
                    "name": "My Room Name"
                  },
                  "sender": "@alice:example.com",
                  "state_key": "",
                  "type": "m.room.name"
                },
                {
                  "content": {
                    "membership": "knock"
                  },
                  "sender": "@bob:example.com",
                  "state_key": "@bob:example.com",
                  "type": "m.room.member"
                }
              ]
            }
          }
        },
        "leave": {}
      }
    }
    """#
